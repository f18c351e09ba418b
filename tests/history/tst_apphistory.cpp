#include "git/repository.h"
#include "git/repositoryworker.h"
#include "gitbuilder.h"
#include "history/apphistory.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>

using namespace gitops;
using namespace Qt::StringLiterals;
using gitops::history::AppHistory;
using gitops::history::HistoryCursor;
using gitops::history::HistoryPage;
using gitops::test::GitBuilder;

namespace {

QByteArray configMap(const QString &name, const QString &value)
{
    return QStringLiteral(
               "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %1\ndata:\n  key: %2\n")
        .arg(name, value)
        .toUtf8();
}

QByteArray configMap(const char *name, const char *value)
{
    return configMap(QString::fromUtf8(name), QString::fromUtf8(value));
}

// A commit's changes: path -> content (a null QByteArray removes the path).
QMap<QString, QByteArray> files(std::initializer_list<std::pair<const char *, QByteArray>> changes)
{
    QMap<QString, QByteArray> result;
    for (const auto &[path, content] : changes)
        result.insert(QString::fromUtf8(path), content);
    return result;
}

App folderApp(const QString &path, bool recurse = false)
{
    App app;
    app.name = path;
    app.paths = {path};
    app.recurse = recurse;
    return app;
}

std::unique_ptr<git::Repository> openRepository(const QString &folder)
{
    auto opened = git::Repository::open(folder);
    if (auto *message = std::get_if<QString>(&opened)) {
        qWarning() << *message;
        return nullptr;
    }
    return std::get<std::unique_ptr<git::Repository>>(std::move(opened));
}

HistoryPage pageOf(const git::Repository &repository, const App &app, const HistoryCursor &from,
                   int count, const git::JobControl &control = {})
{
    auto page = AppHistory(app).page(repository, from, count, control);
    if (auto *message = std::get_if<QString>(&page)) {
        qWarning() << *message;
        return {};
    }
    return std::get<HistoryPage>(std::move(page));
}

// The subjects of the app's whole history from @p start, newest first.
QStringList subjects(const git::Repository &repository, const App &app,
                     const QString &start = QStringLiteral("main"))
{
    QStringList result;
    for (const auto &entry : pageOf(repository, app, HistoryCursor{start, {}}, 1000).commits)
        result << entry.subject;
    return result;
}

// What the real git prints for @p arguments in @p folder, trimmed; "" when git fails.
QString runGit(const QString &folder, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(folder);
    process.start(QStringLiteral("git"), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

} // namespace

class TestAppHistory : public QObject
{
    Q_OBJECT

private slots:
    void monorepo_data();
    void monorepo();
    void kustomizeBase();
    void merge();
    void renamedFolder();
    void definitionChange();
    void entryFields();
    void paging();
    void interruption();
    void readsIdsAsGitDoes();
    void shallowCloneEndsWhereGitSays();
};

void TestAppHistory::monorepo_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("recurse");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("a") << u"apps/a"_s << false << QStringList{u"a and c"_s, u"a"_s, u"create"_s};
    QTest::newRow("b") << u"apps/b"_s << false << QStringList{u"b"_s, u"create"_s};
    QTest::newRow("c") << u"apps/c"_s << false << QStringList{u"a and c"_s, u"create"_s};
    // apps/a/jobs is an app of its own: a non-recursive apps/a does not show its commits.
    QTest::newRow("nested") << u"apps/a/jobs"_s << false << QStringList{u"nested jobs app"_s};
    QTest::newRow("a recursive") << u"apps/a"_s << true
                                 << QStringList{u"nested jobs app"_s, u"a and c"_s, u"a"_s,
                                                u"create"_s};
    QTest::newRow("never existed") << u"apps/z"_s << false << QStringList{};
}

void TestAppHistory::monorepo()
{
    QFETCH(QString, path);
    QFETCH(bool, recurse);
    QFETCH(QStringList, expected);

    QTemporaryDir dir;
    GitBuilder git(dir.path());
    git.commit(QStringLiteral("main"),
               files({{"apps/a/cm.yaml", configMap("a", "1")},
                      {"apps/b/cm.yaml", configMap("b", "1")},
                      {"apps/c/cm.yaml", configMap("c", "1")}}),
               QStringLiteral("create"));
    git.commit(QStringLiteral("main"), files({{"apps/a/cm.yaml", configMap("a", "2")}}),
               QStringLiteral("a"));
    git.commit(QStringLiteral("main"), files({{"apps/b/cm.yaml", configMap("b", "2")}}),
               QStringLiteral("b"));
    git.commit(QStringLiteral("main"), files({{"README.md", "docs\n"}}), QStringLiteral("docs"));
    git.commit(
        QStringLiteral("main"),
        files({{"apps/a/cm.yaml", configMap("a", "3")}, {"apps/c/cm.yaml", configMap("c", "2")}}),
        QStringLiteral("a and c"));
    git.commit(QStringLiteral("main"), files({{"apps/a/jobs/job.yaml", configMap("job", "1")}}),
               QStringLiteral("nested jobs app"));
    git.commit(QStringLiteral("main"), files({{"apps/a/notes.txt", "not a manifest\n"}}),
               QStringLiteral("a's notes"));

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    App app = folderApp(path, recurse);
    if (path == QLatin1String("apps/a") && recurse)
        expected.prepend(QStringLiteral("a's notes")); // a tree change under a recursive app
    QCOMPARE(subjects(*repository, app), expected);
}

void TestAppHistory::kustomizeBase()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    const QByteArray overlay = "resources:\n  - ../../base\npatches:\n  - path: patch.yaml\n";
    git.commit(QStringLiteral("main"),
               files({{"base/kustomization.yaml", "resources:\n  - cm.yaml\n"},
                      {"base/cm.yaml", configMap("web", "1")},
                      {"overlays/prod/kustomization.yaml", overlay},
                      {"overlays/prod/patch.yaml", configMap("web", "prod")},
                      {"components/audit/kustomization.yaml",
                       "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"},
                      {"other/cm.yaml", configMap("other", "1")}}),
               QStringLiteral("create"));
    git.commit(QStringLiteral("main"), files({{"base/cm.yaml", configMap("web", "2")}}),
               QStringLiteral("base only"));
    git.commit(QStringLiteral("main"),
               files({{"components/audit/cm.yaml", configMap("audit", "1")},
                      {"components/audit/kustomization.yaml",
                       "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                       "resources:\n  - cm.yaml\n"}}),
               QStringLiteral("component not used yet"));
    git.commit(QStringLiteral("main"),
               files({{"overlays/prod/kustomization.yaml",
                       overlay + "components:\n  - ../../components/audit\n"}}),
               QStringLiteral("use the audit component"));
    git.commit(QStringLiteral("main"),
               files({{"components/audit/cm.yaml", configMap("audit", "2")}}),
               QStringLiteral("component changed"));
    git.commit(QStringLiteral("main"), files({{"other/cm.yaml", configMap("other", "2")}}),
               QStringLiteral("other app"));
    git.commit(QStringLiteral("main"),
               files({{"overlays/prod/kustomization.yaml", overlay},
                      {"components/audit/cm.yaml", configMap("audit", "3")}}),
               QStringLiteral("drop the component, change it"));
    git.commit(QStringLiteral("main"),
               files({{"components/audit/cm.yaml", configMap("audit", "4")}}),
               QStringLiteral("unused component changed"));

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    // The overlay's history has its base's and its component's commits while it used them,
    // recomputed where its kustomization changed.
    QCOMPARE(subjects(*repository, folderApp(QStringLiteral("overlays/prod"))),
             (QStringList{u"drop the component, change it"_s, u"component changed"_s,
                          u"use the audit component"_s, u"base only"_s, u"create"_s}));
    QCOMPARE(subjects(*repository, folderApp(QStringLiteral("other"))),
             (QStringList{u"other app"_s, u"create"_s}));
}

void TestAppHistory::merge()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    const QString created = git.commit(
        QStringLiteral("main"),
        files({{"apps/a/cm.yaml", configMap("a", "1")}, {"apps/b/cm.yaml", configMap("b", "1")}}),
        QStringLiteral("create"));
    git.commit(
        QStringLiteral("feature"),
        files({{"apps/a/cm.yaml", configMap("a", "1")}, {"apps/b/cm.yaml", configMap("b", "1")}}),
        QStringLiteral("feature starts"), {created});
    git.commit(QStringLiteral("feature"), files({{"apps/a/cm.yaml", configMap("a", "2")}}),
               QStringLiteral("feature changes a"));
    const QString featureTip = git.commit(QStringLiteral("feature"),
                                          files({{"apps/a/extra.yaml", configMap("extra", "1")}}),
                                          QStringLiteral("feature adds to a"));
    git.commit(QStringLiteral("main"), files({{"apps/b/cm.yaml", configMap("b", "2")}}),
               QStringLiteral("b on main"));
    const QString merged = git.commit(QStringLiteral("main"),
                                      files({{"apps/a/cm.yaml", configMap("a", "2")},
                                             {"apps/a/extra.yaml", configMap("extra", "1")}}),
                                      QStringLiteral("Merge feature"), {featureTip});
    const QString otherTip =
        git.commit(QStringLiteral("b-work"), files({{"apps/b/cm.yaml", configMap("b", "3")}}),
                   QStringLiteral("b work"), {merged});
    git.commit(QStringLiteral("main"), files({{"apps/b/cm.yaml", configMap("b", "3")}}),
               QStringLiteral("Merge b-work"), {otherTip});

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const HistoryPage page =
        pageOf(*repository, folderApp(QStringLiteral("apps/a")), HistoryCursor{u"main"_s, {}}, 100);
    // The first-parent line: the merge stands for the feature's commits; the merge that
    // changed only b is not a's.
    QCOMPARE(page.commits.size(), 2);
    QCOMPARE(page.commits.at(0).subject, QStringLiteral("Merge feature"));
    QCOMPARE(page.commits.at(0).mergedParentCount, 1);
    QCOMPARE(page.commits.at(0).parentIds.value(1), featureTip);
    QCOMPARE(page.commits.at(1).subject, QStringLiteral("create"));
    QCOMPARE(page.commits.at(1).mergedParentCount, 0);
    QCOMPARE(subjects(*repository, folderApp(QStringLiteral("apps/b"))),
             (QStringList{u"Merge b-work"_s, u"b on main"_s, u"create"_s}));
    // Only when asked: what each merge merged that changes the app, newest first ("feature
    // starts" changed nothing of a, "b on main" is on the first-parent line).
    QVERIFY(page.merged.isEmpty());
    AppHistory withMerged(folderApp(QStringLiteral("apps/a")));
    withMerged.setMergedCommits(true);
    const auto unfolded = withMerged.page(*repository, HistoryCursor{u"main"_s, {}}, 100);
    QVERIFY(std::holds_alternative<HistoryPage>(unfolded));
    const HistoryPage &folded = std::get<HistoryPage>(unfolded);
    QCOMPARE(folded.commits.size(), 2);
    QCOMPARE(folded.merged.keys(), QStringList{merged});
    QStringList mergedSubjects;
    for (const auto &entry : folded.merged.value(merged))
        mergedSubjects << entry.subject;
    QCOMPARE(mergedSubjects, (QStringList{u"feature adds to a"_s, u"feature changes a"_s}));
    QCOMPARE(folded.merged.value(merged).constFirst().id, featureTip);
    // b's merge of b-work merged one commit of b.
    AppHistory b(folderApp(QStringLiteral("apps/b")));
    b.setMergedCommits(true);
    const auto bPage = b.page(*repository, HistoryCursor{u"main"_s, {}}, 100);
    QVERIFY(std::holds_alternative<HistoryPage>(bPage));
    QCOMPARE(std::get<HistoryPage>(bPage).merged.size(), 1);
    QCOMPARE(std::get<HistoryPage>(bPage).merged.constBegin()->constFirst().id, otherTip);
}

void TestAppHistory::renamedFolder()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    git.commit(QStringLiteral("main"),
               files({{"apps/old/cm.yaml", configMap("web", "1")},
                      {"apps/old/secret.yaml", configMap("web-2", "1")},
                      {"apps/old/svc.yaml", configMap("web-3", "1")},
                      {"apps/b/cm.yaml", configMap("b", "1")}}),
               QStringLiteral("create"));
    git.commit(QStringLiteral("main"), files({{"apps/old/cm.yaml", configMap("web", "2")}}),
               QStringLiteral("change before the move"));
    // Moved and edited in one commit, the way `git mv` + an edit ends up.
    git.commit(QStringLiteral("main"),
               files({{"apps/old/cm.yaml", QByteArray()},
                      {"apps/old/secret.yaml", QByteArray()},
                      {"apps/old/svc.yaml", QByteArray()},
                      {"apps/new/svc.yaml", configMap("web-3", "1")},
                      {"apps/new/cm.yaml", configMap("web", "2")},
                      {"apps/new/secret.yaml", configMap("web-2", "2")}}),
               QStringLiteral("move to apps/new"));
    git.commit(QStringLiteral("main"), files({{"apps/new/cm.yaml", configMap("web", "3")}}),
               QStringLiteral("change after the move"));
    // A copy is not a move: apps/copy starts here.
    git.commit(QStringLiteral("main"),
               files({{"apps/copy/cm.yaml", configMap("web", "3")},
                      {"apps/copy/secret.yaml", configMap("web-2", "2")}}),
               QStringLiteral("copy"));

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const HistoryPage page = pageOf(*repository, folderApp(QStringLiteral("apps/new")),
                                    HistoryCursor{u"main"_s, {}}, 100);
    QStringList listed;
    for (const auto &entry : page.commits)
        listed << entry.subject;
    QCOMPARE(listed,
             (QStringList{u"change after the move"_s, u"move to apps/new"_s,
                          u"change before the move"_s, u"create"_s}));
    QCOMPARE(page.commits.at(1).renamedFrom, QStringList{u"apps/old"_s});
    QVERIFY(page.commits.at(0).renamedFrom.isEmpty());
    QCOMPARE(subjects(*repository, folderApp(QStringLiteral("apps/copy"))), QStringList{u"copy"_s});
}

void TestAppHistory::definitionChange()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    const auto workspace = [](const char *shopPath, const char *dbNamespace) {
        return QStringLiteral("apps:\n  - name: shop\n    path: %1\n  - name: db\n    path: db\n"
                              "    destination:\n      namespace: %2\n")
            .arg(QString::fromUtf8(shopPath), QString::fromUtf8(dbNamespace))
            .toUtf8();
    };
    git.commit(QStringLiteral("main"),
               files({{"gitops-console.yaml", workspace("shop-v1", "data")},
                      {"shop-v1/cm.yaml", configMap("shop", "1")},
                      {"shop-v2/cm.yaml", configMap("shop", "2")},
                      {"db/cm.yaml", configMap("db", "1")}}),
               QStringLiteral("create"));
    git.commit(QStringLiteral("main"), files({{"shop-v1/cm.yaml", configMap("shop", "1.1")}}),
               QStringLiteral("v1 fix"));
    git.commit(QStringLiteral("main"),
               files({{"gitops-console.yaml", workspace("shop-v2", "data")}}),
               QStringLiteral("shop runs v2"));
    git.commit(QStringLiteral("main"), files({{"gitops-console.yaml", workspace("shop-v2", "db")}}),
               QStringLiteral("db moves namespace"));
    git.commit(QStringLiteral("main"), files({{"shop-v1/cm.yaml", configMap("shop", "1.2")}}),
               QStringLiteral("v1 fix after v2"));

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    App shop;
    shop.name = QStringLiteral("shop");
    shop.paths = {QStringLiteral("shop-v2")};
    shop.source = App::Source::WorkspaceFile;
    shop.definedAt = QStringLiteral("gitops-console.yaml:2");
    // Before "shop runs v2" the app was shop-v1: its commits are the app's then.
    QCOMPARE(subjects(*repository, shop),
             (QStringList{u"shop runs v2"_s, u"v1 fix"_s, u"create"_s}));
    App db = shop;
    db.name = QStringLiteral("db");
    db.paths = {QStringLiteral("db")};
    db.definedAt = QStringLiteral("gitops-console.yaml:4");
    QCOMPARE(subjects(*repository, db), (QStringList{u"db moves namespace"_s, u"create"_s}));
}

void TestAppHistory::entryFields()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    const QString first =
        git.commit(QStringLiteral("main"), files({{"app/cm.yaml", configMap("a", "1")}}),
                   QStringLiteral("create\n\nwith a body"));
    const QString second =
        git.commit(QStringLiteral("main"), files({{"app/cm.yaml", configMap("a", "2")}}),
                   QStringLiteral("change"));
    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const HistoryPage page =
        pageOf(*repository, folderApp(QStringLiteral("app")), HistoryCursor{u"HEAD"_s, {}}, 10);
    QCOMPARE(page.commits.size(), 2);
    const auto &entry = page.commits.at(1);
    QCOMPARE(entry.id, first);
    QCOMPARE(entry.subject, QStringLiteral("create"));
    QCOMPARE(entry.authorName, QStringLiteral("Test Author"));
    QCOMPARE(entry.authorEmail, QStringLiteral("author@example.invalid"));
    QCOMPARE(entry.authorTime.toSecsSinceEpoch(), 1767225600);
    QVERIFY(entry.commitTime.isValid());
    QVERIFY(entry.parentIds.isEmpty());
    QCOMPARE(page.commits.at(0).id, second);
    QCOMPARE(page.commits.at(0).parentIds, QStringList{first});
    QVERIFY(page.next.atEnd());

    auto unknown =
        AppHistory(folderApp(QStringLiteral("app"))).page(*repository, {u"nope"_s, {}}, 10);
    QVERIFY(std::holds_alternative<QString>(unknown));
    QVERIFY(std::get<QString>(unknown).contains(QLatin1String("nope")));
}

void TestAppHistory::paging()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    QStringList expected;
    for (int i = 0; i < 12; ++i) {
        const QString path =
            i % 2 ? QStringLiteral("other/cm.yaml") : QStringLiteral("app/cm.yaml");
        const QString subject = QStringLiteral("commit %1").arg(i);
        git.commit(QStringLiteral("main"),
                   files({{path.toUtf8().constData(), configMap(u"x"_s, QString::number(i))}}),
                   subject);
        if (i % 2 == 0)
            expected.prepend(subject);
    }
    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const App app = folderApp(QStringLiteral("app"));
    QStringList listed;
    QList<int> sizes;
    HistoryCursor cursor{QStringLiteral("main"), {}};
    while (!cursor.atEnd()) {
        const HistoryPage page = pageOf(*repository, app, cursor, 4);
        QVERIFY(!page.stopped);
        sizes << int(page.commits.size());
        for (const auto &entry : page.commits)
            listed << entry.subject;
        cursor = page.next;
        QVERIFY(sizes.size() < 10);
    }
    QCOMPARE(listed, expected);
    QCOMPARE(sizes, (QList<int>{4, 2}));
}

void TestAppHistory::interruption()
{
    QTemporaryDir dir;
    GitBuilder git(dir.path());
    for (int i = 0; i < 20; ++i)
        git.commit(QStringLiteral("main"),
                   files({{"app/cm.yaml", configMap(u"x"_s, QString::number(i))}}),
                   QStringLiteral("commit %1").arg(i));
    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const App app = folderApp(QStringLiteral("app"));

    // Asked to stop after five commits were examined: those five, and a cursor that goes on.
    int asked = 0;
    const git::JobControl control([&] { return ++asked > 5; }, {});
    const HistoryPage stopped =
        pageOf(*repository, app, {QStringLiteral("main"), {}}, 100, control);
    QVERIFY(stopped.stopped);
    QCOMPARE(stopped.commits.size(), 5);
    QCOMPARE(stopped.commits.constLast().subject, QStringLiteral("commit 15"));
    const HistoryPage rest = pageOf(*repository, app, stopped.next, 100);
    QVERIFY(!rest.stopped);
    QCOMPARE(rest.commits.size(), 15);
    QCOMPARE(rest.commits.constFirst().subject, QStringLiteral("commit 14"));

    // The same walk as a job on the repository worker, the way callers run it.
    git::RepositoryWorker worker(dir.path());
    using Result = std::variant<HistoryPage, QString>;
    QFuture<Result> future =
        worker.run<Result>([app](git::Repository &repository, const git::JobControl &jobControl) {
            return AppHistory(app).page(repository, {QStringLiteral("main"), {}}, 100, jobControl);
        });
    future.waitForFinished();
    QVERIFY(future.resultCount() == 1);
    QCOMPARE(std::get<HistoryPage>(future.result()).commits.size(), 20);
}

// The walk reads commit headers and tree entries from the raw objects (Repository::parentIds,
// entryIds); what it reads must be what git itself answers, for every commit and path shape.
void TestAppHistory::readsIdsAsGitDoes()
{
    QTemporaryDir dir;
    GitBuilder builder(dir.path());
    const QString first =
        builder.commit(QStringLiteral("main"),
                       files({{"apps/web/deploy.yaml", configMap("web", "1")},
                              {"apps/web/nested/deep/cm.yaml", configMap("deep", "1")},
                              {"apps/db/cm.yaml", configMap("db", "1")},
                              {"apps/web-extra/cm.yaml", configMap("extra", "1")},
                              {"README.md", "readme\n"}}),
                       QStringLiteral("first"));
    builder.commit(QStringLiteral("side"), files({{"apps/db/cm.yaml", configMap("db", "2")}}),
                   QStringLiteral("side"));
    builder.commit(QStringLiteral("main"), files({{"apps/web/deploy.yaml", configMap("web", "2")}}),
                   QStringLiteral("web 2"));
    const QString side = runGit(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("side")});
    builder.commit(QStringLiteral("main"), files({{"apps/web/nested/deep/cm.yaml", QByteArray()}}),
                   QStringLiteral("merge side, remove deep"), {side});
    QVERIFY(!first.isEmpty());

    const auto repository = openRepository(dir.path());
    QVERIFY(repository);
    const QStringList commits =
        runGit(dir.path(), {QStringLiteral("rev-list"), QStringLiteral("--all")})
            .split(QLatin1Char('\n'));
    QCOMPARE(commits.size(), 4);
    const QStringList paths = {QString(),
                               QStringLiteral("apps"),
                               QStringLiteral("apps/web"),
                               QStringLiteral("./apps/web/"),
                               QStringLiteral("apps/web/deploy.yaml"),
                               QStringLiteral("apps/web/nested/deep"),
                               QStringLiteral("apps/web/nested/deep/cm.yaml"),
                               QStringLiteral("apps/web-extra"),
                               QStringLiteral("apps/we"),
                               QStringLiteral("apps/missing"),
                               QStringLiteral("apps/missing/below-a-missing-folder"),
                               QStringLiteral("apps/web/deploy.yaml/below-a-file"),
                               QStringLiteral("apps/web/nested"),
                               QStringLiteral("README.md/below-a-file"),
                               QStringLiteral("README.md")};
    for (const QString &commit : commits) {
        const QStringList gitParents =
            runGit(dir.path(),
                   {QStringLiteral("rev-list"), QStringLiteral("--parents"), QStringLiteral("-n1"),
                    commit})
                .split(QLatin1Char(' '))
                .mid(1);
        auto parents = repository->parentIds(commit);
        QVERIFY2(std::holds_alternative<QStringList>(parents), qPrintable(commit));
        QCOMPARE(std::get<QStringList>(parents), gitParents);

        QStringList expected;
        for (const QString &path : paths) {
            QString spec = path;
            while (spec.startsWith(QLatin1String("./")))
                spec.remove(0, 2);
            while (spec.endsWith(QLatin1Char('/')))
                spec.chop(1);
            expected << runGit(dir.path(),
                               {QStringLiteral("rev-parse"), QStringLiteral("-q"),
                                QStringLiteral("--verify"),
                                QStringLiteral("%1:%2").arg(commit, spec)});
        }
        // Folders shared by paths in a row are read once: every order must give git's answers.
        QStringList reversedPaths = paths;
        std::reverse(reversedPaths.begin(), reversedPaths.end());
        QStringList reversedExpected = expected;
        std::reverse(reversedExpected.begin(), reversedExpected.end());
        const QList<std::pair<QStringList, QStringList>> orders = {
            {paths, expected},
            {reversedPaths, reversedExpected}};
        for (const auto &[asked, answers] : orders) {
            auto ids = repository->entryIds(commit, asked);
            QVERIFY2(std::holds_alternative<QStringList>(ids), qPrintable(commit));
            for (qsizetype i = 0; i < asked.size(); ++i) {
                QVERIFY2(std::get<QStringList>(ids).at(i) == answers.at(i),
                         qPrintable(QStringLiteral("%1 at %2: %3, git says %4")
                                        .arg(asked.at(i), commit, std::get<QStringList>(ids).at(i),
                                             answers.at(i))));
            }
        }
        for (qsizetype i = 0; i < paths.size(); ++i) {
            auto ids = repository->entryIds(commit, {paths.at(i)});
            QVERIFY2(std::holds_alternative<QStringList>(ids), qPrintable(commit));
            QCOMPARE(std::get<QStringList>(ids), QStringList{expected.at(i)});
        }
    }
    // A blob id is not a commit: the answer says so instead of reading it as one.
    const QString blob =
        runGit(dir.path(), {QStringLiteral("rev-parse"), QStringLiteral("main:README.md")});
    QVERIFY(std::holds_alternative<QString>(repository->entryIds(blob, {QStringLiteral("a")})));
    QVERIFY(std::holds_alternative<QString>(repository->parentIds(blob)));
}

// In a shallow clone the oldest commit's parent is not there; the history ends at it, as
// `git log` does, instead of failing on the missing parent.
void TestAppHistory::shallowCloneEndsWhereGitSays()
{
    QTemporaryDir dir;
    const QString origin = dir.filePath(QStringLiteral("origin"));
    {
        GitBuilder builder(origin);
        for (int i = 1; i <= 5; ++i)
            builder.commit(
                QStringLiteral("main"),
                files({{"apps/web/cm.yaml", configMap("web", QByteArray::number(i).constData())}}),
                QStringLiteral("web %1").arg(i));
    }
    const QString clone = dir.filePath(QStringLiteral("clone"));
    QVERIFY(runGit(dir.path(),
                   {QStringLiteral("clone"), QStringLiteral("-q"), QStringLiteral("--depth"),
                    QStringLiteral("3"), QStringLiteral("--branch"), QStringLiteral("main"),
                    QUrl::fromLocalFile(origin).toString(), clone})
                .isEmpty());
    QVERIFY(QFile::exists(clone + QStringLiteral("/.git/shallow")));
    const auto repository = openRepository(clone);
    QVERIFY(repository);
    const QString oldest = runGit(clone, {QStringLiteral("rev-parse"), QStringLiteral("HEAD~2")});
    auto parents = repository->parentIds(oldest);
    QVERIFY2(std::holds_alternative<QStringList>(parents), qPrintable(oldest));
    QCOMPARE(std::get<QStringList>(parents), QStringList());
    QCOMPARE(
        subjects(*repository, folderApp(QStringLiteral("apps/web"))),
        (QStringList{QStringLiteral("web 5"), QStringLiteral("web 4"), QStringLiteral("web 3")}));
}

QTEST_GUILESS_MAIN(TestAppHistory)
#include "tst_apphistory.moc"
