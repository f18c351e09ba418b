// The user's Argo CD health scripts in the Lua sandbox (issue 21, item 3): a verdict with
// its message, a failing script, an endless loop, a memory bomb and attempts to leave the
// sandbox all end in a verdict that says what happened, within the budgets.

#include "drift/healthrules.h"
#include "drift/healthscript.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

using namespace gitops::drift;

namespace {

const QString origin =
    QStringLiteral("argocd-cm resource.customizations.health.example.com_Widget");

QJsonObject widget()
{
    return QJsonDocument::fromJson(R"({"apiVersion":"example.com/v1","kind":"Widget",
        "metadata":{"name":"gadget","generation":2,"annotations":null},
        "spec":{"replicas":3,"ratio":0.5,"paused":false,"zones":["a","b"]},
        "status":{"conditions":[{"type":"Ready","status":"False","reason":"NoQuota",
        "message":"quota exceeded in zone b"}]}})")
        .object();
}

Health run(const QString &script, const HealthScript::Limits &limits = {})
{
    return HealthScript{script, origin}.run(widget(), limits);
}

} // namespace

class TestHealthScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A script written the way Argo CD's documentation shows them: obj in, {status, message}
    // out. The verdict says it came from the user's rule.
    void statusAndMessage()
    {
        const Health health = run(QStringLiteral(R"(
            hs = {}
            if obj.status ~= nil and obj.status.conditions ~= nil then
              for i, condition in ipairs(obj.status.conditions) do
                if condition.type == "Ready" and condition.status == "False" then
                  hs.status = "Degraded"
                  hs.message = condition.reason .. ": " .. condition.message
                  return hs
                end
              end
            end
            hs.status = "Progressing"
            return hs)"));
        QCOMPARE(health.status, Health::Status::Degraded);
        QCOMPARE(health.message,
                 QStringLiteral("NoQuota: quota exceeded in zone b (Argo CD health "
                                "script (%1))")
                     .arg(origin));
    }

    // obj as Argo CD builds it: integers stay integers, lists count from 1, null is absent.
    void objectAsArgoCdBuildsIt()
    {
        const Health health = run(QStringLiteral(R"(
            local ok = obj.spec.replicas == 3 and math.type(obj.spec.replicas) == "integer"
              and obj.spec.ratio == 0.5 and obj.spec.paused == false
              and #obj.spec.zones == 2 and obj.spec.zones[1] == "a"
              and obj.metadata.annotations == nil and obj.metadata.name == "gadget"
            return {status = ok and "Healthy" or "Degraded", message = ""})"));
        QCOMPARE(health.status, Health::Status::Healthy);
        QVERIFY(health.message.contains(origin));
    }

    void failures_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("because");
        QTest::newRow("error") << R"(error("no rule for this version"))"
                               << "error: health.lua:1: no rule for this version";
        QTest::newRow("syntax") << "hs = {status = "
                                << "syntax error: health.lua:1:";
        QTest::newRow("nil index") << "return {status = obj.spec.missing.field}"
                                   << "attempt to index a nil value";
        QTest::newRow("no table") << "return 42"
                                  << "returned no table with a status";
        QTest::newRow("no status") << "return {message = 'hi'}"
                                   << "returned no status";
        QTest::newRow("not a health") << "return {status = 'Fine'}"
                                      << "returned the status \"Fine\", which is not a health";
        QTest::newRow("error object") << "error({})"
                                      << "the error is not a string";
    }
    // A failing script is Unknown with its error, never a crash.
    void failures()
    {
        QFETCH(QString, script);
        QFETCH(QString, because);
        const Health health = run(script);
        QCOMPARE(health.status, Health::Status::Unknown);
        QVERIFY2(health.message.contains(because), qPrintable(health.message));
        QVERIFY(health.message.contains(origin));
    }

    void budgets_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("because");
        QTest::newRow("endless loop") << "while true do end"
                                      << "stopped after 10000000 instructions, its budget";
        // Catching the budget's error does not buy more time.
        QTest::newRow("loop that catches the error")
            << "while true do pcall(function() while true do end end) end"
            << "stopped after 10000000 instructions";
        QTest::newRow("recursion") << "local function f() return f() + 1 end return f()"
                                   << "Argo CD health script";
        QTest::newRow("memory bomb") << "local s = 'x' local t = {} while true do s = s .. s "
                                        "t[#t + 1] = s end"
                                     << "needed more than its 32 MiB of memory";
        QTest::newRow("one big string") << "return {status = string.rep('x', 1 << 30)}"
                                        << "needed more than its 32 MiB of memory";
        QTest::newRow("many tables") << "local t = {} for i = 1, 1e9 do t[i] = {i} end"
                                     << "needed more than its 32 MiB of memory";
    }
    // Budgets stop a script quickly, and the verdict says which one.
    void budgets()
    {
        QFETCH(QString, script);
        QFETCH(QString, because);
        QElapsedTimer clock;
        clock.start();
        const Health health = run(script);
        QVERIFY2(clock.elapsed() < 5000, "stopped well within seconds");
        QCOMPARE(health.status, Health::Status::Unknown);
        QVERIFY2(health.message.contains(because), qPrintable(health.message));
    }

    void timeLimit()
    {
        HealthScript::Limits limits;
        limits.instructions = std::numeric_limits<qint64>::max() / 2;
        limits.milliseconds = 100;
        QElapsedTimer clock;
        clock.start();
        const Health health = run(QStringLiteral("while true do end"), limits);
        QVERIFY(clock.elapsed() < 3000);
        QCOMPARE(health.status, Health::Status::Unknown);
        QVERIFY2(health.message.contains(u"stopped after 100 ms, its time limit"),
                 qPrintable(health.message));
    }

    void sandbox_data()
    {
        QTest::addColumn<QString>("script");
        QTest::newRow("io") << "local f = io.open('/etc/hostname') return {status = f:read('a')}";
        QTest::newRow("os") << "os.execute('touch /tmp/owned') return {status = 'Healthy'}";
        QTest::newRow("require") << "local io = require('io') return {status = 'Healthy'}";
        QTest::newRow("dofile") << "dofile('/etc/hostname') return {status = 'Healthy'}";
        QTest::newRow("loadfile") << "loadfile('/etc/hostname') return {status = 'Healthy'}";
        QTest::newRow("load") << "load('return 1')() return {status = 'Healthy'}";
        QTest::newRow("string.dump") << "string.dump(function() end) return {status = 'Healthy'}";
        QTest::newRow("debug") << "debug.sethook() return {status = 'Healthy'}";
        QTest::newRow("package") << "package.loadlib('libc.so.6', 'system') return {status = 'x'}";
        QTest::newRow("collectgarbage") << "collectgarbage('stop') return {status = 'Healthy'}";
        // A precompiled chunk is refused: only text is loaded.
        QTest::newRow("bytecode") << QStringLiteral("\x1bLua\x54\x00");
    }
    // A script can reach neither files, processes nor other code: each attempt is an error.
    void sandbox()
    {
        QFETCH(QString, script);
        const Health health = run(script);
        QCOMPARE(health.status, Health::Status::Unknown);
        QVERIFY2(health.message.contains(u"error"), qPrintable(health.message));
    }

    // Runs share nothing: a global one script sets is not there for the next.
    void runsShareNothing()
    {
        QCOMPARE(run(QStringLiteral("leaked = 'Degraded' return {status = 'Healthy'}")).status,
                 Health::Status::Healthy);
        QCOMPARE(run(QStringLiteral("return {status = leaked or 'Healthy'}")).status,
                 Health::Status::Healthy);
    }
    // argocd-cm as Argo CD reads it: keys of their own, the older block with wildcards, an
    // exact rule before a wildcard one; kinds without a rule keep the built-in verdict.
    void argoCdConfigMap()
    {
        // (The older block's wildcard key is spelled in pieces: "/" followed by "*" would
        // open a comment for moc.)
        const QString wildcard = QStringLiteral("*.example.com/") + QLatin1Char('*');
        const QJsonObject data{
            {QStringLiteral("resource.customizations.health.example.com_Widget"),
             QStringLiteral("return {status = 'Suspended', message = 'widgets wait'}")},
            {QStringLiteral("resource.customizations.health.PersistentVolumeClaim"),
             QStringLiteral("return {status = 'Healthy', message = obj.status.phase}")},
            {QStringLiteral("resource.customizations"),
             QString(QStringLiteral(
                         "example.com/Widget:\n  health.lua: return {status = 'Degraded'}\n\"")
                     + wildcard
                     + QStringLiteral("\":\n  health.lua: |\n    return {status = 'Progressing', "
                                      "message = obj.kind}\n"))},
            {QStringLiteral("resource.customizations.ignoreDifferences.apps_Deployment"),
             QStringLiteral("jsonPointers: []")}};
        const QJsonObject configMap{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                                    {QStringLiteral("kind"), QStringLiteral("ConfigMap")},
                                    {QStringLiteral("data"), data}};
        const HealthRules rules = HealthRules::fromArgoCdConfigMap(configMap);
        QVERIFY(rules.errors.isEmpty());

        const Health widgetHealth = rules.healthOf(widget());
        QCOMPARE(widgetHealth.status, Health::Status::Suspended);
        QCOMPARE(widgetHealth.message,
                 QStringLiteral("widgets wait (Argo CD health script (argocd-cm "
                                "resource.customizations.health.example.com_Widget))"));

        const QJsonObject gadget = QJsonDocument::fromJson(R"({"apiVersion":
            "shop.example.com/v1","kind":"Gadget","metadata":{"name":"g"}})")
                                       .object();
        const Health gadgetHealth = rules.healthOf(gadget);
        QCOMPARE(gadgetHealth.status, Health::Status::Progressing);
        QCOMPARE(gadgetHealth.message,
                 QStringLiteral("Gadget (Argo CD health script (argocd-cm "
                                "resource.customizations \"%1\"))")
                     .arg(wildcard));

        // The core group's key names the kind alone; Argo CD's rule replaces the built-in.
        const QJsonObject pending = QJsonDocument::fromJson(R"({"apiVersion":"v1",
            "kind":"PersistentVolumeClaim","metadata":{"name":"data"},
            "status":{"phase":"Pending"}})")
                                        .object();
        QCOMPARE(Health::of(pending).status, Health::Status::Progressing);
        QCOMPARE(rules.healthOf(pending).status, Health::Status::Healthy);

        // No rule: the built-in verdict.
        const QJsonObject job = QJsonDocument::fromJson(R"({"apiVersion":"batch/v1",
            "kind":"Job","metadata":{"name":"j"},"status":{"conditions":[
            {"type":"Complete","status":"True"}]}})")
                                    .object();
        QCOMPARE(rules.healthOf(job), Health::of(job));
        QCOMPARE(rules.scriptFor(QStringLiteral("apps"), QStringLiteral("Deployment")), nullptr);
    }

    // An object being deleted is Progressing before any script runs, as in Argo CD.
    void deletionBeforeScripts()
    {
        HealthRules rules;
        rules.rules.append({QStringLiteral("example.com"), QStringLiteral("Widget"),
                            HealthScript{QStringLiteral("return {status = 'Healthy'}"), origin}});
        QJsonObject live = widget();
        QJsonObject metadata = live.value(u"metadata").toObject();
        metadata.insert(QStringLiteral("deletionTimestamp"),
                        QStringLiteral("2026-01-06T09:00:00Z"));
        live.insert(QStringLiteral("metadata"), metadata);
        QCOMPARE(rules.healthOf(live).status, Health::Status::Progressing);
    }

    void unreadableBlock()
    {
        const QJsonObject data{
            {QStringLiteral("resource.customizations"), QStringLiteral("a: [b")}};
        const HealthRules rules =
            HealthRules::fromArgoCdConfigMap(QJsonObject{{QStringLiteral("data"), data}});
        QCOMPARE(rules.rules.size(), 0);
        QCOMPARE(rules.errors.size(), 1);
        QVERIFY(
            rules.errors.first().toString().startsWith(u"argocd-cm resource.customizations, line"));
    }
};

QTEST_GUILESS_MAIN(TestHealthScript)
#include "tst_healthscript.moc"
