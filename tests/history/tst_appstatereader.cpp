// The desired states of a long history, read one commit after another as the timeline and
// the live-commit search do (issue 12, item 6): what AppStateReader keeps for the next read
// is bounded by its size, so a revision walk over 200 commits keeps memory flat, and what
// it dropped is read again, right, when asked for again.
#include "gitbuilder.h"

#include "git/repository.h"
#include "history/appstatereader.h"
#include "workspace/desiredstate.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

constexpr int Commits = 200;
constexpr int Keys = 1000;
constexpr int ValueLength = 200;

// The value of key @p key at commit @p commit: every commit's file is new text.
QString valueAt(int commit, int key)
{
    return u"c%1-k%2-"_s.arg(commit).arg(key).leftJustified(ValueLength, u'x');
}

// A ConfigMap of about 200 KB.
QByteArray settingsAt(int commit)
{
    QByteArray yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                      "  namespace: shop\ndata:\n";
    for (int key = 0; key < Keys; ++key)
        yaml += "  k" + QByteArray::number(key) + ": " + valueAt(commit, key).toLatin1() + '\n';
    return yaml;
}

// The process's resident memory, from /proc (Linux).
qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    }
    return -1;
}

} // namespace

class TestAppStateReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void costCountsWhatIsKept();
    void revisionWalkKeepsMemoryFlat();

private:
    QTemporaryDir m_dir;
    QStringList m_commits; // oldest first
    App m_app;
};

void TestAppStateReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    test::GitBuilder git(m_dir.path());
    for (int i = 0; i < Commits; ++i)
        m_commits << git.commit(u"main"_s, {{u"apps/shop/settings.yaml"_s, settingsAt(i)}},
                                u"settings %1"_s.arg(i));
    QVERIFY(!m_commits.last().isEmpty());
    m_app.name = u"apps/shop"_s;
    m_app.paths = {u"apps/shop"_s};
}

void TestAppStateReader::costCountsWhatIsKept()
{
    auto opened = git::Repository::open(m_dir.path());
    QVERIFY(std::holds_alternative<std::unique_ptr<git::Repository>>(opened));
    history::AppStateReader reader(*std::get<std::unique_ptr<git::Repository>>(opened), m_app);
    QCOMPARE(reader.cacheLimit(), history::AppStateReader::DefaultCacheLimit);
    auto read = reader.read(m_commits.first());
    QVERIFY(std::holds_alternative<history::AppStateReader::StatePointer>(read));
    const AppDesiredState &state = *std::get<history::AppStateReader::StatePointer>(read);
    QCOMPARE(state.resources.size(), 1);
    // An object in memory takes more than its text: the estimate is not below the file's
    // size, nor wildly above it.
    const qsizetype fileSize = settingsAt(0).size();
    QVERIFY2(
        approximateBytes(state) > fileSize && approximateBytes(state) < 8 * fileSize,
        qPrintable(u"%1 bytes for a %2 byte file"_s.arg(approximateBytes(state)).arg(fileSize)));
    // The state and the parsed file it came from.
    QCOMPARE(reader.cachedStates(), 1);
    QVERIFY(reader.cachedBytes() >= approximateBytes(state));
}

void TestAppStateReader::revisionWalkKeepsMemoryFlat()
{
    auto opened = git::Repository::open(m_dir.path());
    QVERIFY(std::holds_alternative<std::unique_ptr<git::Repository>>(opened));
    history::AppStateReader reader(*std::get<std::unique_ptr<git::Repository>>(opened), m_app);
    // Room for a few of these states only (about 1 MB each, counted twice: the state and
    // its parsed file).
    constexpr qsizetype Limit = 8 * 1024 * 1024;
    reader.setCacheLimit(Limit);
    QCOMPARE(reader.cacheLimit(), Limit);

    qint64 halfway = 0;
    // Newest first, as the timeline walks.
    for (int i = Commits - 1; i >= 0; --i) {
        auto read = reader.read(m_commits.at(i));
        QVERIFY(std::holds_alternative<history::AppStateReader::StatePointer>(read));
        const AppDesiredState &state = *std::get<history::AppStateReader::StatePointer>(read);
        QCOMPARE(state.resources.size(), 1);
        QCOMPARE(state.resources.first().object.value(u"data").toObject().value(u"k7").toString(),
                 valueAt(i, 7));
        QVERIFY2(reader.cachedBytes() <= Limit,
                 qPrintable(u"%1 bytes cached at commit %2"_s.arg(reader.cachedBytes()).arg(i)));
        if (i == Commits / 2)
            halfway = residentBytes();
    }
    QCOMPARE(reader.buildCount(), Commits);
    QVERIFY2(reader.cachedStates() > 0 && reader.cachedStates() < 10,
             qPrintable(QString::number(reader.cachedStates())));
    // The other half of the walk did not keep what it read: kept, 100 of these states would
    // be some 25 MB more.
    const qint64 end = residentBytes();
    QVERIFY(halfway > 0);
    QVERIFY2(end - halfway < 10 * 1024 * 1024,
             qPrintable(u"resident memory grew by %1 bytes over 100 commits"_s.arg(end - halfway)));

    // The last state read is still kept; the first, dropped long ago, is read again.
    QVERIFY(reader.read(m_commits.first()).index() == 0);
    QCOMPARE(reader.buildCount(), Commits);
    auto newest = reader.read(m_commits.last());
    QVERIFY(std::holds_alternative<history::AppStateReader::StatePointer>(newest));
    QCOMPARE(reader.buildCount(), Commits + 1);
    QCOMPARE(std::get<history::AppStateReader::StatePointer>(newest)
                 ->resources.first()
                 .object.value(u"data")
                 .toObject()
                 .value(u"k999")
                 .toString(),
             valueAt(Commits - 1, 999));
}

QTEST_GUILESS_MAIN(TestAppStateReader)
#include "tst_appstatereader.moc"
