// `cmake --install` of the build tree into a fresh prefix, as a packager or a user runs it:
// the files a desktop needs are there and nothing else, the executable starts from the
// prefix, and the desktop entry and the AppStream metainfo pass the validators that
// distributions and software centres run (desktop-file-validate, appstreamcli).
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

class tst_Install : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void installsTheFilesADesktopNeeds();
    void startsFromThePrefix();
    void desktopEntryIsValid();
    void metainfoIsValid();
    void metainfoNamesNoMadeUpURL();
    void metainfoWithURLsIsStrictlyValid();
    void metainfoMatchesTheInstall();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray output; // stdout and stderr together, as a user sees them
    };
    static Run run(const QString &program, const QStringList &arguments);
    QString installed(const QString &path) const { return m_prefix.filePath(path); }

    QTemporaryDir m_prefix;
};

namespace {

const QString desktopFile = u"share/applications/gitops-console.desktop"_s;
const QString metainfoFile = u"share/metainfo/io.github.gitops_console.metainfo.xml"_s;
const QString iconFile = u"share/icons/hicolor/scalable/apps/gitops-console.svg"_s;
const QString executable = u"bin/gitops-console"_s;

// What the metainfo says, read the way a software centre reads it.
struct Metainfo
{
    QString id;
    QString launchable;
    QString stockIcon;
    QString binary;
    QString newestRelease;
};

Metainfo readMetainfo(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Metainfo info;
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == "id"_L1 && info.id.isEmpty())
            info.id = xml.readElementText();
        else if (name == "launchable"_L1)
            info.launchable = xml.readElementText();
        else if (name == "icon"_L1 && xml.attributes().value("type"_L1) == "stock"_L1)
            info.stockIcon = xml.readElementText();
        else if (name == "binary"_L1)
            info.binary = xml.readElementText();
        else if (name == "release"_L1 && info.newestRelease.isEmpty())
            info.newestRelease = xml.attributes().value("version"_L1).toString();
    }
    return xml.hasError() ? Metainfo{} : info;
}

// What appstreamcli's text report found, as "severity tag" ("W url-homepage-missing").
QStringList findingsOf(const QByteArray &report)
{
    static const QRegularExpression finding(u"^\\s*([EWIP]): \\S+ (\\S+)"_s,
                                            QRegularExpression::MultilineOption);
    QStringList found;
    for (auto it = finding.globalMatch(QString::fromUtf8(report)); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        found << match.captured(1) + u' ' + match.captured(2);
    }
    return found;
}

// The build's configuration: without a homepage (GITOPS_HOMEPAGE_URL) the metainfo names
// none rather than a made-up one, and AppStream warns about exactly that (appstreamcli
// fails on any warning: such a build is not ready for software centres, and says why).
QStringList expectedFindings()
{
    if (QStringLiteral(GITOPS_HOMEPAGE_URL).isEmpty())
        return {u"W url-homepage-missing"_s};
    return {};
}

} // namespace

tst_Install::Run tst_Install::run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    Run result;
    if (!process.waitForStarted(10000)) {
        result.output = program.toLocal8Bit() + ": " + process.errorString().toLocal8Bit();
        return result;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.output = program.toLocal8Bit() + ": did not finish within 60 s";
        return result;
    }
    result.output = process.readAll();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

void tst_Install::initTestCase()
{
    QVERIFY(m_prefix.isValid());
    const Run install =
        run(QStringLiteral(CMAKE_COMMAND),
            {u"--install"_s, QStringLiteral(GITOPS_BUILD_DIR), u"--prefix"_s, m_prefix.path()});
    QVERIFY2(install.exitCode == 0, install.output.constData());
}

// Exactly the executable, the desktop entry, the metainfo and the icon: the translations are
// compiled into the executable (:/i18n), and no test program or server leaks into the prefix.
void tst_Install::installsTheFilesADesktopNeeds()
{
    QStringList files;
    QDirIterator it(m_prefix.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(m_prefix.path()).relativeFilePath(it.next()));
    files.sort();
    QStringList expected{executable, iconFile, desktopFile, metainfoFile};
    expected.sort();
    QCOMPARE(files, expected);
    QVERIFY(QFileInfo(installed(executable)).isExecutable());
    QFile icon(installed(iconFile));
    QVERIFY(icon.open(QIODevice::ReadOnly));
    QVERIFY2(icon.readAll().contains("<svg"), "the installed icon is no SVG");
}

void tst_Install::startsFromThePrefix()
{
    const Run version = run(installed(executable), {u"--version"_s});
    QVERIFY2(version.exitCode == 0, version.output.constData());
    QCOMPARE(version.output, QByteArray("gitops-console " GITOPS_VERSION "\n"));
}

// No error, no warning and no hint: desktop-file-validate exits 0 on warnings, so its output
// must be empty too.
void tst_Install::desktopEntryIsValid()
{
    const Run validate = run(u"desktop-file-validate"_s, {installed(desktopFile)});
    QVERIFY2(validate.exitCode == 0 && validate.output.isEmpty(), validate.output.constData());

    QSettings entry(installed(desktopFile), QSettings::IniFormat);
    entry.beginGroup(u"Desktop Entry"_s);
    // The program it starts is the one installed, and it is given the folder dropped on it.
    const QStringList exec = entry.value(u"Exec"_s).toString().split(u' ');
    QCOMPARE(exec, (QStringList{u"gitops-console"_s, u"%f"_s}));
    QVERIFY(QFileInfo::exists(m_prefix.filePath(u"bin/"_s + exec.first())));
    QCOMPARE(entry.value(u"Icon"_s).toString() + u".svg"_s, QFileInfo(iconFile).fileName());
    QCOMPARE(entry.value(u"StartupWMClass"_s).toString(), u"gitops-console"_s);
    for (const QString &key : {u"GenericName[de]"_s, u"Comment[de]"_s, u"Keywords[de]"_s})
        QVERIFY2(!entry.value(key).toString().isEmpty(), qPrintable(key + u" is missing"_s));
}

// With a homepage: --strict passes (it fails on warnings too; only pedantic hints pass).
// Without one: no error, and no warning but the missing homepage.
void tst_Install::metainfoIsValid()
{
    const Run validate = run(
        u"appstreamcli"_s, {u"validate"_s, u"--no-net"_s, u"--strict"_s, installed(metainfoFile)});
    QCOMPARE(findingsOf(validate.output), expectedFindings());
    QVERIFY2((validate.exitCode == 0) == expectedFindings().isEmpty(), validate.output.constData());
    // The tree as a whole: the metainfo's launchable desktop entry and icon are found.
    const Run tree =
        run(u"appstreamcli"_s, {u"validate-tree"_s, u"--no-net"_s, u"--strict"_s, m_prefix.path()});
    QCOMPARE(findingsOf(tree.output), expectedFindings());
    QVERIFY2((tree.exitCode == 0) == expectedFindings().isEmpty(), tree.output.constData());
}

// Every web address in the installed metainfo is one the build was given.
void tst_Install::metainfoNamesNoMadeUpURL()
{
    QFile file(installed(metainfoFile));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    static const QRegularExpression url(u"[a-z]+://[^<\"\\s]+"_s);
    const QString homepage = QStringLiteral(GITOPS_HOMEPAGE_URL);
    const QString screenshots = QStringLiteral(GITOPS_SCREENSHOT_URL);
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const QString found = it.next().captured();
        QVERIFY2((!homepage.isEmpty() && found == homepage)
                     || (!screenshots.isEmpty() && found.startsWith(screenshots)),
                 qPrintable(found));
    }
    QCOMPARE(text.contains(u"<screenshots>"_s), !screenshots.isEmpty());
}

// What a packager gets with a homepage and the README's screenshots published on the web:
// the metainfo made by the same script passes --strict, with every screenshot of the README
// at its real size.
void tst_Install::metainfoWithURLsIsStrictlyValid()
{
    QTemporaryDir dir;
    const QString made = dir.filePath(u"io.github.gitops_console.metainfo.xml"_s);
    const QString base = u"https://example.org/gitops-console/raw/main/resources/screenshots"_s;
    const Run script = run(QStringLiteral(CMAKE_COMMAND),
                           {u"-DMETAINFO_IN="_s + QStringLiteral(GITOPS_METAINFO_TEMPLATE),
                            u"-DMETAINFO_OUT="_s + made,
                            u"-DSCREENSHOTS_DIR="_s + QStringLiteral(GITOPS_SCREENSHOTS_DIR),
                            u"-DHOMEPAGE_URL=https://example.org/gitops-console"_s,
                            u"-DSCREENSHOT_URL="_s + base + u'/', u"-P"_s,
                            QStringLiteral(GITOPS_METAINFO_SCRIPT)});
    QVERIFY2(script.exitCode == 0, script.output.constData());
    const Run validate =
        run(u"appstreamcli"_s, {u"validate"_s, u"--no-net"_s, u"--strict"_s, made});
    QVERIFY2(validate.exitCode == 0, validate.output.constData());
    QCOMPARE(findingsOf(validate.output), QStringList());

    QFile file(made);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList images;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.name() != "image"_L1)
            continue;
        const QSize size(xml.attributes().value("width"_L1).toInt(),
                         xml.attributes().value("height"_L1).toInt());
        const QString url = xml.readElementText();
        QVERIFY2(url.startsWith(base + u'/'), qPrintable(url));
        const QString name = url.mid(base.size() + 1);
        QImageReader image(QStringLiteral(GITOPS_SCREENSHOTS_DIR) + u'/' + name);
        QCOMPARE(size, image.size());
        images << name;
    }
    QVERIFY(!xml.hasError());
    images.sort();
    QCOMPARE(images,
             QDir(QStringLiteral(GITOPS_SCREENSHOTS_DIR))
                 .entryList({u"*.png"_s}, QDir::Files, QDir::Name));
}

void tst_Install::metainfoMatchesTheInstall()
{
    const Metainfo info = readMetainfo(installed(metainfoFile));
    QCOMPARE(info.id + u".metainfo.xml"_s, QFileInfo(metainfoFile).fileName());
    QCOMPARE(info.launchable, QFileInfo(desktopFile).fileName());
    QCOMPARE(info.stockIcon + u".svg"_s, QFileInfo(iconFile).fileName());
    QCOMPARE(info.binary, QFileInfo(executable).fileName());
    // The newest release listed is the version the executable reports.
    QCOMPARE(info.newestRelease, QStringLiteral(GITOPS_VERSION));
}

QTEST_GUILESS_MAIN(tst_Install)
#include "tst_install.moc"
