// Reading a repository at any revision (issue 5, deliverable 1): history built with libgit2.
#include "gitbuilder.h"
#include "gitfixture.h"

#include "git/repository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;
using gitops::test::runGit;

namespace {

std::unique_ptr<git::Repository> openRepository(const QString &path)
{
    auto opened = git::Repository::open(path);
    if (auto *message = std::get_if<QString>(&opened)) {
        QTest::qFail(qPrintable(*message), __FILE__, __LINE__);
        return {};
    }
    return std::move(std::get<std::unique_ptr<git::Repository>>(opened));
}

QMap<QString, QByteArray> contents(const git::Repository &repository, const git::Revision &revision,
                                   const QString &folder = QString())
{
    QMap<QString, QByteArray> result;
    auto listed = repository.files(revision, folder);
    if (auto *message = std::get_if<QString>(&listed)) {
        QTest::qFail(qPrintable(*message), __FILE__, __LINE__);
        return result;
    }
    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(listed)) {
        auto read = repository.read(file);
        result.insert(file.path,
                      std::holds_alternative<QByteArray>(read) ? std::get<QByteArray>(read)
                                                               : "<error>");
    }
    return result;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class tst_Revisions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void resolves_data();
    void resolves();
    void refusesUnknownRevisions_data();
    void refusesUnknownRevisions();
    void readsTreeAtRevision();
    void readsFolderWithBlobIds();
    void workingCopyHasUncommittedEditsAndWritesNothing();
    void listsRemoteUrls();

private:
    QTemporaryDir m_dir;
    QMap<QString, QString> m_commits; // name -> id
};

void tst_Revisions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    test::GitBuilder builder(m_dir.path());
    m_commits[u"c1"_s] =
        builder.commit(u"main"_s,
                       {{u"apps/web/deploy.yaml"_s, "kind: Deployment\nversion: 1\n"},
                        {u"README.md"_s, "hello\n"}},
                       u"first"_s);
    m_commits[u"c2"_s] = builder.commit(
        u"main"_s, {{u"apps/web/deploy.yaml"_s, "kind: Deployment\nversion: 2\n"}}, u"second"_s);
    m_commits[u"c3"_s] = builder.commit(
        u"main"_s, {{u"apps/db/statefulset.yaml"_s, "kind: StatefulSet\n"}}, u"third"_s);
    builder.tag(u"v1"_s, m_commits[u"c2"_s], false);
    builder.tag(u"v2-annotated"_s, m_commits[u"c3"_s], true);
    m_commits[u"f1"_s] = builder.commit(
        u"feature/canary"_s, {{u"apps/web/canary.yaml"_s, "kind: Deployment\nname: canary\n"}},
        u"canary"_s);
    // feature/canary starts from nothing, so branch it from c3 by a merge instead.
    m_commits[u"c4"_s] = builder.commit(
        u"main"_s, {{u"apps/web/deploy.yaml"_s, "kind: Deployment\nversion: 4\n"}}, u"fourth"_s);
    m_commits[u"m"_s] =
        builder.commit(u"main"_s, {{u"apps/web/canary.yaml"_s, "kind: Deployment\nname: canary\n"}},
                       u"Merge feature/canary"_s, {m_commits[u"f1"_s]});
    builder.addRemote(u"origin"_s, u"https://git.example.invalid/team/deploy.git"_s);
    builder.remoteBranch(u"origin"_s, u"main"_s, m_commits[u"c2"_s]);
    builder.checkout(u"main"_s);
}

void tst_Revisions::resolves_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("commit");
    QTest::newRow("HEAD") << u"HEAD"_s << u"m"_s;
    QTest::newRow("branch") << u"main"_s << u"m"_s;
    QTest::newRow("branch with slash") << u"feature/canary"_s << u"f1"_s;
    QTest::newRow("full branch ref") << u"refs/heads/main"_s << u"m"_s;
    QTest::newRow("remote branch") << u"origin/main"_s << u"c2"_s;
    QTest::newRow("lightweight tag") << u"v1"_s << u"c2"_s;
    QTest::newRow("annotated tag") << u"v2-annotated"_s << u"c3"_s;
    QTest::newRow("HEAD~3") << u"HEAD~3"_s << u"c2"_s;
    QTest::newRow("second parent of a merge") << u"HEAD^2"_s << u"f1"_s;
    QTest::newRow("full id") << u"=c3"_s << u"c3"_s;
    QTest::newRow("short id") << u"=c3:7"_s << u"c3"_s;
}

void tst_Revisions::resolves()
{
    QFETCH(QString, spec);
    QFETCH(QString, commit);
    if (spec.startsWith(QLatin1Char('='))) { // an id, known only once the history exists
        const QStringList parts = spec.mid(1).split(QLatin1Char(':'));
        spec = m_commits.value(parts.first());
        if (parts.size() > 1)
            spec = spec.left(parts.at(1).toInt());
    }
    auto repository = openRepository(m_dir.path());
    QVERIFY(repository);
    auto resolved = repository->resolve(spec);
    if (auto *message = std::get_if<QString>(&resolved))
        QFAIL(qPrintable(*message));
    const auto &revision = std::get<git::Revision>(resolved);
    QCOMPARE(revision.commitId, m_commits.value(commit));
    QCOMPARE(revision.treeId,
             runGit(m_dir.path(), {u"rev-parse"_s, revision.commitId + u"^{tree}"_s}));
    QVERIFY(!revision.workingCopy);
}

void tst_Revisions::refusesUnknownRevisions_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown branch") << u"no-such-branch"_s << u"unknown revision"_s;
    QTest::newRow("too far back") << u"HEAD~40"_s << u"unknown revision"_s;
    QTest::newRow("empty") << QString() << u"no revision"_s;
    QTest::newRow("syntax") << u"main^{nonsense}"_s << u"main^{nonsense}"_s;
}

void tst_Revisions::refusesUnknownRevisions()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    auto repository = openRepository(m_dir.path());
    QVERIFY(repository);
    auto resolved = repository->resolve(spec);
    QVERIFY(std::holds_alternative<QString>(resolved));
    QVERIFY2(std::get<QString>(resolved).contains(message),
             qPrintable(std::get<QString>(resolved)));
}

void tst_Revisions::readsTreeAtRevision()
{
    auto repository = openRepository(m_dir.path());
    QVERIFY(repository);
    const auto first = std::get<git::Revision>(repository->resolve(m_commits[u"c1"_s]));
    const auto head = std::get<git::Revision>(repository->resolve(u"HEAD"_s));

    const auto old = contents(*repository, first);
    QCOMPARE(old.keys(), (QStringList{u"README.md"_s, u"apps/web/deploy.yaml"_s}));
    QCOMPARE(old.value(u"apps/web/deploy.yaml"_s), QByteArray("kind: Deployment\nversion: 1\n"));

    const auto now = contents(*repository, head);
    QCOMPARE(now.keys(),
             (QStringList{u"README.md"_s, u"apps/db/statefulset.yaml"_s, u"apps/web/canary.yaml"_s,
                          u"apps/web/deploy.yaml"_s}));
    QCOMPARE(now.value(u"apps/web/deploy.yaml"_s), QByteArray("kind: Deployment\nversion: 4\n"));
}

void tst_Revisions::readsFolderWithBlobIds()
{
    auto repository = openRepository(m_dir.path());
    QVERIFY(repository);
    const auto head = std::get<git::Revision>(repository->resolve(u"main"_s));
    for (const QString &folder : {u"apps/web"_s, u"./apps/web/"_s}) {
        auto listed = repository->files(head, folder);
        QVERIFY(std::holds_alternative<QList<git::TreeFile>>(listed));
        const auto files = std::get<QList<git::TreeFile>>(listed);
        QCOMPARE(files.size(), 2);
        QCOMPARE(files.at(0).path, u"apps/web/canary.yaml"_s);
        QCOMPARE(files.at(1).path, u"apps/web/deploy.yaml"_s);
        QCOMPARE(files.at(1).blobId,
                 runGit(m_dir.path(), {u"rev-parse"_s, u"main:apps/web/deploy.yaml"_s}));
    }
    auto missing = repository->files(head, u"apps/nothing"_s);
    QVERIFY(std::holds_alternative<QList<git::TreeFile>>(missing));
    QVERIFY(std::get<QList<git::TreeFile>>(missing).isEmpty());
}

void tst_Revisions::workingCopyHasUncommittedEditsAndWritesNothing()
{
    QTemporaryDir dir;
    {
        test::GitBuilder builder(dir.path());
        builder.commit(u"main"_s,
                       {{u"apps/web/deploy.yaml"_s, "version: 1\n"},
                        {u"apps/web/old.yaml"_s, "old\n"},
                        {u"apps/db/db.yaml"_s, "db\n"},
                        {u".gitignore"_s, "*.tmp\n"}},
                       u"first"_s);
        builder.checkout(u"main"_s);
    }
    writeFile(dir.filePath(u"apps/web/deploy.yaml"_s), "version: 2 (not committed)\n");
    writeFile(dir.filePath(u"apps/web/new.yaml"_s), "untracked\n");
    writeFile(dir.filePath(u"apps/web/scratch.tmp"_s), "ignored by .gitignore\n");
    QVERIFY(QFile::remove(dir.filePath(u"apps/web/old.yaml"_s)));
    writeFile(dir.filePath(u"apps/db/db.yaml"_s), "db staged\n");
    runGit(dir.path(), {u"add"_s, u"apps/db/db.yaml"_s});
    writeFile(dir.filePath(u"apps/db/db.yaml"_s), "db staged, then edited again\n");

    const QByteArray indexBefore = readFile(dir.filePath(u".git/index"_s));
    const QString statusBefore = runGit(dir.path(), {u"status"_s, u"--porcelain"_s});

    auto repository = openRepository(dir.path());
    QVERIFY(repository);
    auto resolved = repository->resolve(git::Revision::workingCopySpec());
    QVERIFY(std::holds_alternative<git::Revision>(resolved));
    const auto working = std::get<git::Revision>(resolved);
    QVERIFY(working.workingCopy);

    const auto files = contents(*repository, working, u"apps"_s);
    QCOMPARE(
        files.keys(),
        (QStringList{u"apps/db/db.yaml"_s, u"apps/web/deploy.yaml"_s, u"apps/web/new.yaml"_s}));
    QCOMPARE(files.value(u"apps/web/deploy.yaml"_s), QByteArray("version: 2 (not committed)\n"));
    QCOMPARE(files.value(u"apps/db/db.yaml"_s), QByteArray("db staged, then edited again\n"));

    // Blob ids of uncommitted files are the ids git would give them.
    const auto listed = std::get<QList<git::TreeFile>>(repository->files(working));
    for (const git::TreeFile &file : listed) {
        QCOMPARE(file.blobId, runGit(dir.path(), {u"hash-object"_s, file.path}));
    }

    QCOMPARE(readFile(dir.filePath(u".git/index"_s)), indexBefore);
    QCOMPARE(runGit(dir.path(), {u"status"_s, u"--porcelain"_s}), statusBefore);
    QCOMPARE(readFile(dir.filePath(u"apps/web/deploy.yaml"_s)),
             QByteArray("version: 2 (not committed)\n"));
}

void tst_Revisions::listsRemoteUrls()
{
    auto repository = openRepository(m_dir.path());
    QVERIFY(repository);
    QCOMPARE(repository->remoteUrls(),
             QStringList{u"https://git.example.invalid/team/deploy.git"_s});
}

QTEST_GUILESS_MAIN(tst_Revisions)
#include "tst_revisions.moc"
