// The German catalogue is complete: every string of the sources is in it and translated, with
// the same placeholders and an access key wherever the English has one, and the menus'
// access keys stay unique in German. The sources are checked by running lupdate, as
// `cmake --build build/dev --target update_translations` does, into a copy of the catalogue:
// a string added without a translation fails here, not in front of a German user.
#include "mainwindow.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void committedCatalogueIsComplete();
    void sourcesHaveNoUntranslatedString();
    void menuAccessKeysAreUniqueInGerman();
};

namespace {

struct Message
{
    QString context;
    QString source;
    QString type; // the translation's type attribute: unfinished, vanished, ...
    QStringList translations; // one, or the numerus forms
    bool hasTranslation = false;
};

// The messages of a .ts file, or an empty list and @p error.
QList<Message> readCatalogue(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + u": "_s + file.errorString();
        return {};
    }
    QList<Message> messages;
    QString context;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "message"_L1) {
            Message message;
            message.context = context;
            while (xml.readNextStartElement()) {
                if (xml.name() == "source"_L1) {
                    message.source = xml.readElementText();
                } else if (xml.name() == "translation"_L1) {
                    message.hasTranslation = true;
                    message.type = xml.attributes().value("type"_L1).toString();
                    bool numerus = false;
                    QString text;
                    while (!xml.atEnd()) {
                        const auto token = xml.readNext();
                        if (token == QXmlStreamReader::Characters) {
                            text += xml.text();
                        } else if (token == QXmlStreamReader::StartElement
                                   && xml.name() == "numerusform"_L1) {
                            numerus = true;
                            message.translations << xml.readElementText();
                        } else if (token == QXmlStreamReader::EndElement
                                   && xml.name() == "translation"_L1) {
                            break;
                        }
                    }
                    if (!numerus)
                        message.translations << text;
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << message;
        }
    }
    if (xml.hasError()) {
        *error = u"%1 line %2: %3"_s.arg(path).arg(xml.lineNumber()).arg(xml.errorString());
        return {};
    }
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression placeholder(u"%(n|L?\\d{1,2})"_s);
    QStringList found;
    for (const auto &match : placeholder.globalMatch(text))
        found << match.captured();
    found.sort();
    found.removeDuplicates();
    return found;
}

// The access keys ('&' before a letter; "&&" is a literal ampersand).
int accessKeys(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&')
            ++i;
        else if (text.at(i + 1).isLetterOrNumber())
            ++count;
    }
    return count;
}

QChar accessKey(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == u'&' && text.at(i + 1) == u'&')
            ++i;
        else if (text.at(i) == u'&')
            return text.at(i + 1).toLower();
    }
    return {};
}

// What a German user would meet: each problem as one line naming the string.
QStringList problems(const QList<Message> &messages)
{
    QStringList found;
    for (const Message &message : messages) {
        const QString where = u"%1: \"%2\""_s.arg(message.context, message.source);
        if (!message.hasTranslation) {
            found << where + u" has no translation"_s;
            continue;
        }
        if (message.type == "unfinished"_L1) {
            found << where + u" is not translated (unfinished)"_s;
            continue;
        }
        if (!message.type.isEmpty()) {
            found << where + u" is %1: no source uses it any more"_s.arg(message.type);
            continue;
        }
        for (const QString &translation : message.translations) {
            if (translation.trimmed().isEmpty()) {
                found << where + u" has an empty translation"_s;
                continue;
            }
            if (placeholders(translation) != placeholders(message.source))
                found << where
                        + u" keeps placeholders %1 in \"%2\", the English has %3"_s.arg(
                            placeholders(translation).join(u' '), translation,
                            placeholders(message.source).join(u' '));
            if (accessKeys(translation) != accessKeys(message.source))
                found << where
                        + u" has %1 access keys in \"%2\", the English %3"_s.arg(
                            QString::number(accessKeys(translation)), translation,
                            QString::number(accessKeys(message.source)));
        }
    }
    return found;
}

QString runToCompletion(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return program + u": "_s + process.errorString();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return program + u": did not finish within 60 s"_s;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return program + u" failed: "_s + QString::fromLocal8Bit(process.readAll());
    return {};
}

} // namespace

void tst_Translations::committedCatalogueIsComplete()
{
    QString error;
    const QList<Message> messages = readCatalogue(QStringLiteral(GITOPS_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 100);
    const QStringList found = problems(messages);
    for (const QString &problem : found)
        qWarning().noquote() << problem;
    QVERIFY2(found.isEmpty(), qPrintable(u"%1 problems, listed above"_s.arg(found.size())));
}

// lupdate over the sources the build knows (the project file that qt_add_translations wrote),
// into a copy: the committed catalogue stays as it is.
void tst_Translations::sourcesHaveNoUntranslatedString()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(u"gitops-console_de.ts"_s);
    QVERIFY(QFile::copy(QStringLiteral(GITOPS_TS_FILE), copy));
    QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));
    const QString project = dir.filePath(u"project.json"_s);
    QString error = runToCompletion(QStringLiteral(CMAKE_COMMAND),
                                    {u"-DIN_FILE="_s + QStringLiteral(GITOPS_LUPDATE_PROJECT),
                                     u"-DOUT_FILE="_s + project, u"-P"_s,
                                     QStringLiteral(GITOPS_LUPDATE_PROJECT_SCRIPT)});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The options of qt_add_translations in views/CMakeLists.txt.
    error = runToCompletion(QStringLiteral(GITOPS_LUPDATE),
                            {u"-project"_s, project, u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                             u"-silent"_s, u"-ts"_s, copy});
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const QList<Message> messages = readCatalogue(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList found = problems(messages);
    for (const QString &problem : found)
        qWarning().noquote() << problem;
    QVERIFY2(found.isEmpty(),
             qPrintable(u"%1 strings of the sources are not translated (listed above); run `cmake "
                        "--build build/dev --target update_translations` and translate them in "
                        "translations/gitops-console_de.ts"_s.arg(found.size())));
}

// Alt+letter opens one menu and picks one item; two with the same letter make the user press
// it twice (and the menu bar's own keys would clash).
void tst_Translations::menuAccessKeysAreUniqueInGerman()
{
    QTranslator german;
    QVERIFY(german.load(u":/i18n/gitops-console_de.qm"_s));
    QCoreApplication::installTranslator(&german);
    gitops::MainWindow window;

    QStringList clashes;
    const auto check = [&clashes](const QString &where, const QList<QAction *> &actions) {
        QHash<QChar, QString> taken;
        for (const QAction *action : actions) {
            if (action->isSeparator() || !action->isVisible())
                continue;
            const QChar key = accessKey(action->text());
            if (key.isNull())
                continue;
            if (taken.contains(key))
                clashes << u"%1: \"%2\" and \"%3\" share Alt+%4"_s.arg(where, taken.value(key),
                                                                       action->text(), key);
            taken.insert(key, action->text());
        }
    };
    const QList<QAction *> menus = window.menuBar()->actions();
    QVERIFY2(!menus.isEmpty() && menus.first()->text() == u"&Datei"_s,
             "the menus are not in German");
    check(u"the menu bar"_s, menus);
    QList<QMenu *> pending;
    for (const QAction *action : menus)
        if (action->menu())
            pending << action->menu();
    while (!pending.isEmpty()) {
        const QMenu *menu = pending.takeFirst();
        check(menu->title(), menu->actions());
        for (const QAction *action : menu->actions())
            if (action->menu())
                pending << action->menu();
    }
    QCoreApplication::removeTranslator(&german);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
