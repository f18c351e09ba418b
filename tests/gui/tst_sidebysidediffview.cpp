#include "imagecheck.h"

#include "sidebysidediffview.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace gitops;
using State = SideBySideDiffView::LineState;

namespace {

const QString desired = QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          env:
            - name: LOG_FORMAT
              value: json
)");

const QString live = QStringLiteral(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 5
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
)");

// Relative luminance contrast as WCAG defines it.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a) + 0.05;
    const double lb = luminance(b) + 0.05;
    return la > lb ? la / lb : lb / la;
}

} // namespace

class tst_SideBySideDiffView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marksChangedLinesAndFillers();
    void foldsUnchangedRunsAndExpandsOnClick();
    void movesBetweenChanges();
    void scrollsBothSidesTogether();
    void darkPaletteStaysReadable();
    void redrawsWhileNewTextsAreAligned();

private:
    void show(SideBySideDiffView &view, const QString &left, const QString &right);
};

void tst_SideBySideDiffView::show(SideBySideDiffView &view, const QString &left,
                                  const QString &right)
{
    QSignalSpy updated(&view, &SideBySideDiffView::updated);
    view.setTexts(left, right);
    QVERIFY(updated.wait(5000));
}

void tst_SideBySideDiffView::marksChangedLinesAndFillers()
{
    SideBySideDiffView view;
    view.setContextLines(100);
    view.resize(1000, 600);
    view.show();
    show(view, desired, live);

    const QList<State> left = view.leftStates();
    const QList<State> right = view.rightStates();
    QCOMPARE(left.size(), right.size());
    const QStringList leftLines = view.leftText().split(u'\n');
    const QStringList rightLines = view.rightText().split(u'\n');
    // replicas: 2 beside replicas: 5, marked as one changed character each side.
    const int replicas = int(leftLines.indexOf(QStringLiteral("  replicas: 2")));
    QVERIFY(replicas >= 0);
    QCOMPARE(rightLines.at(replicas), QStringLiteral("  replicas: 5"));
    QCOMPARE(left.at(replicas), State::Changed);
    QCOMPARE(right.at(replicas), State::Changed);
    QCOMPARE(view.leftMark(replicas), std::make_pair(12, 13));
    QCOMPARE(view.rightMark(replicas), std::make_pair(12, 13));
    // The env block exists only in git: removed on the left, filler lines on the right.
    const int env = int(leftLines.indexOf(QStringLiteral("          env:")));
    QVERIFY(env > replicas);
    for (int line = env; line < env + 3; ++line) {
        QCOMPARE(left.at(line), State::Removed);
        QCOMPARE(right.at(line), State::Filler);
        QVERIFY(rightLines.at(line).isEmpty());
    }
    QCOMPARE(view.changeCount(), 2);
    // What the screen shows: the changed line's background differs from an unchanged one.
    const QImage image = view.leftEditor()->viewport()->grab().toImage();
    const int lineHeight = view.leftEditor()->fontMetrics().height();
    QPlainTextEdit *editor = view.leftEditor();
    const int top =
        editor->cursorRect(QTextCursor(editor->document()->findBlockByNumber(replicas))).top();
    const QColor changed =
        image.pixelColor(image.width() - 5, (top + lineHeight / 2) * image.devicePixelRatio());
    const QColor plain =
        image.pixelColor(image.width() - 5, (top - lineHeight / 2) * image.devicePixelRatio());
    QVERIFY2(changed != plain, qPrintable(changed.name() + u' ' + plain.name()));
    QVERIFY(gitops::test::inspect(image).distinctColours > 20);
    view.grab().save(QStringLiteral("tst_sidebysidediffview-light.png"));
    const auto labels = view.findChildren<QLabel *>();
    const bool counted = std::any_of(labels.begin(), labels.end(), [](QLabel *label) {
        return label->text() == QStringLiteral("2 changes");
    });
    QVERIFY(counted);
}

void tst_SideBySideDiffView::foldsUnchangedRunsAndExpandsOnClick()
{
    QString left;
    QString right;
    for (int i = 0; i < 40; ++i) {
        left += QStringLiteral("key%1: value\n").arg(i);
        right +=
            i == 20 ? QStringLiteral("key20: other\n") : QStringLiteral("key%1: value\n").arg(i);
    }
    SideBySideDiffView view;
    view.resize(800, 600);
    view.show();
    show(view, left, right);

    // 17 unchanged lines before the change (3 kept as context), 16 after.
    const QList<State> states = view.leftStates();
    QCOMPARE(states.count(State::Folded), 2);
    QCOMPARE(states.count(State::Changed), 1);
    QCOMPARE(states.size(), 1 + 3 + 1 + 3 + 1);
    QVERIFY(view.leftText().startsWith(QStringLiteral("⋯ 17 unchanged lines\n")));

    // A click on the fold line opens it.
    QPlainTextEdit *editor = view.leftEditor();
    const QRect first = editor->cursorRect(QTextCursor(editor->document()->firstBlock()));
    QTest::mouseClick(editor->viewport(), Qt::LeftButton, {}, QPoint(40, first.center().y()));
    QCOMPARE(view.leftStates().count(State::Folded), 1);
    QVERIFY(view.leftText().startsWith(QStringLiteral("key0: value\n")));
    view.expandAll();
    QCOMPARE(view.leftStates().size(), 40);
}

void tst_SideBySideDiffView::movesBetweenChanges()
{
    SideBySideDiffView view;
    view.setContextLines(100);
    view.show();
    show(view, desired, live);
    QCOMPARE(view.currentChange(), -1);
    view.nextChange();
    QCOMPARE(view.currentChange(), 0);
    QCOMPARE(view.leftEditor()->textCursor().block().text(), QStringLiteral("  replicas: 2"));
    // Alt+Down moves to the next change, as the button's tooltip says.
    view.leftEditor()->setFocus();
    QTest::keyClick(view.leftEditor(), Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(view.currentChange(), 1);
    QCOMPARE(view.leftEditor()->textCursor().block().text(), QStringLiteral("          env:"));
    view.nextChange(); // stays at the last one
    QCOMPARE(view.currentChange(), 1);
    view.previousChange();
    QCOMPARE(view.currentChange(), 0);
}

void tst_SideBySideDiffView::scrollsBothSidesTogether()
{
    QString left;
    QString right;
    for (int i = 0; i < 300; ++i) {
        left += QStringLiteral("line%1: a\n").arg(i);
        right += QStringLiteral("line%1: %2\n").arg(i).arg(i % 10 == 0 ? u'b' : u'a');
    }
    SideBySideDiffView view;
    view.resize(800, 300);
    view.show();
    show(view, left, right);
    view.rightEditor()->verticalScrollBar()->setValue(120);
    QCOMPARE(view.leftEditor()->verticalScrollBar()->value(), 120);
    QCOMPARE(view.firstVisibleLine(), 120);
}

void tst_SideBySideDiffView::darkPaletteStaysReadable()
{
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 34));
    dark.setColor(QPalette::Window, QColor(40, 40, 44));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    SideBySideDiffView view;
    view.setPalette(dark);
    view.setContextLines(100);
    view.resize(1000, 600);
    view.show();
    show(view, desired, live);

    // Every marked line's background keeps a readable contrast with the text colour.
    const QColor text = dark.color(QPalette::Text);
    for (const QTextEdit::ExtraSelection &selection : view.leftEditor()->extraSelections()) {
        const QBrush background = selection.format.background();
        if (background.style() != Qt::SolidPattern)
            continue;
        QVERIFY2(contrast(background.color(), text) >= 4.5,
                 qPrintable(background.color().name() + u" against " + text.name()));
    }
    // And the highlighter picked its dark theme: the glyphs stand out from the background
    // (the brightest tenth of the text pixels, antialiasing aside, reads at 4.5:1 or more).
    const QImage image = view.leftEditor()->viewport()->grab().toImage();
    image.save(QStringLiteral("tst_sidebysidediffview-dark.png"));
    const QColor background = dark.color(QPalette::Base);
    QList<QColor> glyphs;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor pixel = image.pixelColor(x, y);
            if (pixel != background && std::abs(pixel.lightness() - background.lightness()) > 30)
                glyphs << pixel;
        }
    }
    QVERIFY(glyphs.size() > 500);
    std::sort(glyphs.begin(), glyphs.end(),
              [](const QColor &a, const QColor &b) { return a.lightness() < b.lightness(); });
    const QColor typical = glyphs.at(glyphs.size() * 9 / 10);
    QVERIFY2(contrast(typical, background) >= 4.5, qPrintable(typical.name()));
}

// New texts are aligned off the GUI thread; anything that redraws meanwhile (a fold, the
// context, the theme) draws the texts the current alignment was made for, never the new
// lines with the old rows (which indexed past a shorter text: an abort in tst_livedrift).
void tst_SideBySideDiffView::redrawsWhileNewTextsAreAligned()
{
    SideBySideDiffView view;
    view.resize(1000, 600);
    view.show();
    QString longLeft;
    QString longRight;
    for (int i = 0; i < 400; ++i) {
        longLeft += QStringLiteral("key%1: %2\n").arg(i).arg(i);
        longRight += QStringLiteral("key%1: %2\n").arg(i).arg(i % 7 == 0 ? -i : i);
    }
    show(view, longLeft, longRight);
    const QString before = view.leftText();
    QSignalSpy updated(&view, &SideBySideDiffView::updated);
    for (int round = 0; round < 20; ++round) {
        view.setTexts(QStringLiteral("a: 1\n"), QStringLiteral("a: 2\n"));
        view.setContextLines(round % 4); // redraws at once, before the alignment comes
        QVERIFY(view.leftText().isEmpty() || view.leftText().contains(u"key")
                || view.leftText() == QStringLiteral("a: 1"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(view.leftText() == QStringLiteral("a: 1"), 5000);
    QCOMPARE(view.rightText(), QStringLiteral("a: 2"));
    QVERIFY(before.contains(u"key"));
}

QTEST_MAIN(tst_SideBySideDiffView)
#include "tst_sidebysidediffview.moc"
