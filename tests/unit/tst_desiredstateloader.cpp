// Loading desired states off the GUI thread: results arrive as values on the GUI thread,
// the newest request wins, and failures arrive as messages.
#include "gitbuilder.h"

#include "git/repositoryworker.h"
#include "workspace/desiredstateloader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

QByteArray configMap(int value)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: \""
        + QByteArray::number(value) + "\"\n";
}

QString valueIn(const DesiredState &state)
{
    if (state.apps.isEmpty() || state.apps.first().resources.isEmpty())
        return {};
    return state.apps.first()
        .resources.first()
        .object.value(u"data"_s)
        .toObject()
        .value(u"value"_s)
        .toString();
}

} // namespace

class tst_DesiredStateLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsOnAWorkerAndDeliversOnTheGuiThread();
    void newestRequestWins();
    void failuresArriveAsMessages_data();
    void failuresArriveAsMessages();
    void closingWhileARendererRunsReturnsAtOnce();

private:
    QTemporaryDir m_dir;
};

void tst_DesiredStateLoader::initTestCase()
{
    test::GitBuilder builder(m_dir.path());
    for (int i = 1; i <= 3; ++i)
        builder.commit(u"main"_s, {{u"config/settings.yaml"_s, configMap(i)}}, u"change"_s);
}

void tst_DesiredStateLoader::loadsOnAWorkerAndDeliversOnTheGuiThread()
{
    git::RepositoryWorker worker(m_dir.path());
    DesiredStateLoader loader;
    QThread *deliveredOn = nullptr;
    connect(&loader, &DesiredStateLoader::loaded, this,
            [&deliveredOn] { deliveredOn = QThread::currentThread(); });
    QSignalSpy loaded(&loader, &DesiredStateLoader::loaded);
    loader.setRepository(&worker);
    loader.load(u"HEAD~1"_s);
    QVERIFY(loader.isBusy());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(deliveredOn, QThread::currentThread());
    const auto state = loaded.at(0).at(0).value<DesiredState>();
    QVERIFY2(state.error.isEmpty(), qPrintable(state.error));
    QCOMPARE(valueIn(state), u"2"_s);
    QVERIFY(!loader.isBusy());
}

void tst_DesiredStateLoader::newestRequestWins()
{
    git::RepositoryWorker worker(m_dir.path());
    DesiredStateLoader loader;
    QSignalSpy loaded(&loader, &DesiredStateLoader::loaded);
    loader.setRepository(&worker);
    loader.load(u"HEAD~2"_s);
    loader.load(u"HEAD~1"_s);
    loader.load(u"HEAD"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!loader.isBusy(), 10000);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(valueIn(loaded.at(0).at(0).value<DesiredState>()), u"3"_s);
}

void tst_DesiredStateLoader::failuresArriveAsMessages_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown revision") << QString() << u"nope"_s << u"unknown revision"_s;
    QTest::newRow("not a repository") << u"/"_s << u"HEAD"_s << u"is not inside a git repository"_s;
}

void tst_DesiredStateLoader::failuresArriveAsMessages()
{
    QFETCH(QString, folder);
    QFETCH(QString, revision);
    QFETCH(QString, message);
    git::RepositoryWorker worker(folder.isEmpty() ? m_dir.path() : folder);
    DesiredStateLoader loader;
    QSignalSpy loaded(&loader, &DesiredStateLoader::loaded);
    loader.setRepository(&worker);
    loader.load(revision);
    QVERIFY(loaded.wait(10000));
    const auto state = loaded.at(0).at(0).value<DesiredState>();
    QVERIFY2(state.error.contains(message), qPrintable(state.error));
    QVERIFY(state.apps.isEmpty());
}

// A kustomization whose renderer hangs (a stand-in `kustomize` that sleeps, found first on
// PATH): destroying the loader and the repository's worker, as closing the window does,
// kills it and returns in well
// under a second instead of waiting up to two minutes.
void tst_DesiredStateLoader::closingWhileARendererRunsReturnsAtOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bin = dir.filePath(u"bin"_s);
    QVERIFY(QDir().mkpath(bin));
    const QString started = dir.filePath(u"started"_s);
    QFile script(bin + u"/kustomize"_s);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\ntouch '" + QFile::encodeName(started) + "'\nexec sleep 60\n");
    script.close();
    QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    const QString repository = dir.filePath(u"repo"_s);
    {
        test::GitBuilder builder(repository);
        builder.commit(u"main"_s,
                       {{u"app/kustomization.yaml"_s, "resources:\n  - settings.yaml\n"},
                        {u"app/settings.yaml"_s, configMap(1)}},
                       u"a kustomization"_s);
    }
    const QByteArray path = qgetenv("PATH");
    const QByteArray withStandIn = QFile::encodeName(bin) + ':' + path;
    qputenv("PATH", withStandIn);
    auto worker = std::make_unique<git::RepositoryWorker>(repository);
    auto loader = std::make_unique<DesiredStateLoader>();
    loader->setRepository(worker.get());
    loader->load(u"main"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), 10000);
    qputenv("PATH", path);
    QElapsedTimer closing;
    closing.start();
    loader.reset();
    worker.reset();
    QVERIFY2(closing.elapsed() < 1000, qPrintable(QString::number(closing.elapsed())));
}

QTEST_GUILESS_MAIN(tst_DesiredStateLoader)
#include "tst_desiredstateloader.moc"
