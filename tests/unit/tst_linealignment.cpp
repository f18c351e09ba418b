#include "textdiff/linealignment.h"

#include <QTest>

using namespace gitops;
using Kind = AlignedRow::Kind;

namespace {

// A compact picture of the rows: one letter per row (=, ~, -, +).
QString shape(const QList<AlignedRow> &rows)
{
    QString result;
    for (const AlignedRow &row : rows) {
        switch (row.kind) {
        case Kind::Same:
            result += u'=';
            break;
        case Kind::Changed:
            result += u'~';
            break;
        case Kind::Removed:
            result += u'-';
            break;
        case Kind::Added:
            result += u'+';
            break;
        }
    }
    return result;
}

} // namespace

class tst_LineAlignment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rows_data();
    void rows();
    void everyLineAppearsOnceInOrder();
    void marksTheChangedCharacters();
};

void tst_LineAlignment::rows_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << "a\nb\nc\n"
                           << "a\nb\nc\n"
                           << "===";
    QTest::newRow("both empty") << ""
                                << ""
                                << "";
    QTest::newRow("all added") << ""
                               << "a\nb\n"
                               << "++";
    QTest::newRow("all removed") << "a\nb\n"
                                 << ""
                                 << "--";
    QTest::newRow("one changed") << "a\nreplicas: 2\nc\n"
                                 << "a\nreplicas: 5\nc\n"
                                 << "=~=";
    QTest::newRow("inserted in the middle") << "a\nc\n"
                                            << "a\nb\nc\n"
                                            << "=+=";
    QTest::newRow("removed in the middle") << "a\nb\nc\n"
                                           << "a\nc\n"
                                           << "=-=";
    QTest::newRow("two changed, one extra") << "x\n1\n2\ny\n"
                                            << "x\n3\n4\n5\ny\n"
                                            << "=~~+=";
    QTest::newRow("no final newline") << "a\nb"
                                      << "a\nb\n"
                                      << "==";
}

void tst_LineAlignment::rows()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(QString, expected);
    QCOMPARE(shape(LineAlignment::align(left, right)), expected);
}

void tst_LineAlignment::everyLineAppearsOnceInOrder()
{
    const QStringList left{QStringLiteral("k: 1"), QStringLiteral("a: x"), QStringLiteral("b: y"),
                           QStringLiteral("c: z"), QStringLiteral("d: w")};
    const QStringList right{QStringLiteral("a: x"), QStringLiteral("b: Y"), QStringLiteral("c: z"),
                            QStringLiteral("e: v"), QStringLiteral("d: w"), QStringLiteral("f: u")};
    const QList<AlignedRow> rows = LineAlignment::align(left, right);
    int nextLeft = 0;
    int nextRight = 0;
    for (const AlignedRow &row : rows) {
        if (row.left >= 0)
            QCOMPARE(row.left, nextLeft++);
        if (row.right >= 0)
            QCOMPARE(row.right, nextRight++);
        if (row.kind == Kind::Same)
            QCOMPARE(left.at(row.left), right.at(row.right));
    }
    QCOMPARE(nextLeft, left.size());
    QCOMPARE(nextRight, right.size());
}

void tst_LineAlignment::marksTheChangedCharacters()
{
    const QList<AlignedRow> rows = LineAlignment::align(QStringLiteral("image: nginx:1.27\n"),
                                                        QStringLiteral("image: nginx:1.28\n"));
    QCOMPARE(rows.size(), 1);
    const AlignedRow &row = rows.first();
    QCOMPARE(row.kind, Kind::Changed);
    QCOMPARE(row.leftStart, 16);
    QCOMPARE(row.leftEnd, 17);
    QCOMPARE(row.rightStart, 16);
    QCOMPARE(row.rightEnd, 17);
}

QTEST_GUILESS_MAIN(tst_LineAlignment)
#include "tst_linealignment.moc"
