// compareWorkspaceAgain(): comparing a workspace again after a change gives the verdicts a
// comparison from scratch gives, while the verdicts of the resources the change did not
// touch stay those of the previous comparison (shared, not built again: the soak's memory
// growth came from a whole new copy of 20,000 verdicts per comparison).
#include "drift/comparison.h"
#include "manifest/manifestparser.h"
#include "workspace/workspacecomparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace gitops;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Git = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {mode: blue}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: flags, namespace: shop}
data: {beta: "off"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: gone, namespace: shop}
data: {a: b}
---
apiVersion: v1
kind: Secret
metadata: {name: db, namespace: shop}
stringData: {password: hunter2}
)";

const QByteArray WebGit = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: "
                          "web}\ndata: {port: \"80\"}\n";

// The live objects, as the server holds them (its fields, a managedFields entry).
QByteArray served(const QByteArray &yaml, const QByteArray &version = "7")
{
    const QByteArray server = "metadata: {uid: u-" + version + ", resourceVersion: '" + version
        + "', managedFields: [{manager: kubectl, operation: Apply, time: '2026-12-01T10:00:0"
        + version.right(1) + "Z'}], ";
    return QByteArray(yaml).replace("metadata: {", server);
}

const QByteArray Settings = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, "
                            "namespace: shop, labels: {part-of: shop}}\ndata: {mode: blue}\n";
const QByteArray Flags = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags, namespace: "
                         "shop, labels: {part-of: shop}}\ndata: {beta: \"on\"}\n";
const QByteArray Secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop, "
                          "labels: {part-of: shop}}\ndata: {password: aHVudGVyMg==}\n";
const QByteArray Stray = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: stray, "
                         "namespace: shop, labels: {part-of: shop}}\n";
const QByteArray Web = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: "
                       "web}\ndata: {port: \"80\"}\n";

using Live = QHash<manifest::ResourceId, QJsonObject>;

QJsonObject object(const QByteArray &yaml)
{
    return manifest::parseManifests(yaml, u"live.yaml"_s).resources.value(0).object;
}

void put(Live &live, const QByteArray &yaml)
{
    const QJsonObject parsed = object(yaml);
    live.insert(drift::identityOf(parsed), parsed);
}

manifest::ResourceId id(const QString &kind, const QString &name, const QString &ns = u"shop"_s)
{
    return {QString(), kind, ns, name};
}

DesiredState desiredOf(const QByteArray &shop)
{
    AppDesiredState app;
    app.app.name = u"shop"_s;
    app.app.tracking = App::Tracking::Label;
    app.app.trackingLabel = u"part-of=shop"_s;
    app.resources = manifest::parseManifests(shop, u"shop.yaml"_s).resources;
    AppDesiredState web;
    web.app.name = u"web"_s;
    web.resources = manifest::parseManifests(WebGit, u"web.yaml"_s).resources;
    DesiredState state;
    state.apps << app << web;
    return state;
}

QString json(const QJsonValue &value)
{
    if (value.isUndefined())
        return u"(absent)"_s;
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

// Everything the window and the CLI show of a snapshot, as lines.
QStringList shown(const drift::WorkspaceDrift &snapshot)
{
    QStringList lines;
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        lines << u"app %1 %2 %3"_s.arg(app.name, drift::syncStatusName(app.drift.status),
                                       drift::Health::name(app.drift.health.status));
        for (auto it = app.sources.cbegin(); it != app.sources.cend(); ++it)
            lines << u"  source %1 %2"_s.arg(it.key().toString(), it.value().toString());
        for (auto it = app.lastChanges.cbegin(); it != app.lastChanges.cend(); ++it)
            lines << u"  last change %1 %2 %3 %4"_s.arg(
                it.key().toString(), it->time.toString(Qt::ISODate), it->manager, it->operation);
        for (const drift::ResourceDrift &resource : app.drift.resources) {
            lines << u"  %1 %2 %3 %4: %5"_s.arg(resource.id.toString(),
                                                drift::syncStatusName(resource.status),
                                                drift::Health::name(resource.health.status),
                                                resource.health.message, resource.reason);
            lines << u"    desired "_s + json(resource.desired);
            lines << u"    live "_s + json(resource.live);
            lines << u"    projection "_s + json(resource.liveProjection);
            for (const drift::Difference &difference : resource.differences)
                lines << u"    difference %1 %2 %3 by %4"_s.arg(
                    difference.path, json(difference.desired), json(difference.live),
                    difference.lastWriter.manager);
        }
    }
    // Hash order is no part of what is shown.
    lines.sort();
    return lines;
}

const drift::ResourceDrift *verdictOf(const drift::WorkspaceDrift &snapshot,
                                      const manifest::ResourceId &resource)
{
    for (const drift::AppWorkspaceDrift &app : snapshot.apps) {
        for (const drift::ResourceDrift &verdict : app.drift.resources) {
            if (verdict.id == resource)
                return &verdict;
        }
    }
    return nullptr;
}

struct Inputs
{
    DesiredState desired;
    Live live;
    WorkspaceComparison how;
};

using Change = std::function<void(Inputs &)>;

} // namespace

Q_DECLARE_METATYPE(Change)

class tst_ComparisonReuse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameVerdictsAsFromScratch_data();
    void sameVerdictsAsFromScratch();
    void secretsStayMasked();
};

void tst_ComparisonReuse::sameVerdictsAsFromScratch_data()
{
    QTest::addColumn<Change>("change");
    // Whether the drifted ConfigMap "flags", which the change does not touch (except where
    // it does), keeps its verdict from before: the same differences, not a copy.
    QTest::addColumn<bool>("flagsKept");

    QTest::newRow("nothing changed") << Change([](Inputs &) {}) << true;
    QTest::newRow("a synced object drifts") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Settings).replace("blue", "green"), "8"));
    }) << true;
    QTest::newRow("the drifted object changes again") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Flags).replace("\"on\"", "\"maybe\""), "8"));
    }) << false;
    QTest::newRow("the drifted object is synced again") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Flags).replace("\"on\"", "\"off\""), "8"));
    }) << false;
    QTest::newRow("a missing object appears") << Change([](Inputs &in) {
        put(in.live,
            served("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gone, "
                   "namespace: shop}\ndata: {a: b}\n",
                   "8"));
    }) << true;
    QTest::newRow("an object is deleted")
        << Change([](Inputs &in) { in.live.remove(id(u"ConfigMap"_s, u"settings"_s)); }) << true;
    QTest::newRow("an extra object leaves the app (its label removed)") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Stray).replace(", labels: {part-of: shop}", ""), "8"));
    }) << true;
    QTest::newRow("a new extra object") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Stray).replace("stray", "other"), "8"));
    }) << true;
    QTest::newRow("the Secret changes") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Secret).replace("aHVudGVyMg==", "c3dvcmRmaXNo"), "8"));
    }) << true;
    QTest::newRow("the other app's object drifts") << Change([](Inputs &in) {
        put(in.live, served(QByteArray(Web).replace("80", "8080"), "8"));
    }) << true;
    QTest::newRow("exact mode's answer for the app") << Change([](Inputs &in) {
        ExactResults exact;
        exact.wouldBe.insert(id(u"ConfigMap"_s, u"flags"_s),
                             object(served(QByteArray(Flags).replace("\"on\"", "\"off\""))));
        in.how.exact.insert(u"shop"_s, exact);
    }) << false;
    QTest::newRow("a list refused") << Change([](Inputs &in) {
        in.how.refusedLists.insert(refusedListKey(QString(), u"Secret"_s, u"shop"_s),
                                   u"Forbidden (403): cannot list secrets"_s);
    }) << false;
    QTest::newRow("another context")
        << Change([](Inputs &in) { in.how.context = u"prod"_s; }) << false;
    QTest::newRow("the cluster is being listed again")
        << Change([](Inputs &in) { in.how.unknownReason = u"Listing the cluster…"_s; }) << false;
    QTest::newRow("a CRD appears in the cluster") << Change([](Inputs &in) {
        put(in.live,
            served("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                   "metadata: {name: widgets.example.com}\nspec: {group: example.com, "
                   "names: {kind: Widget, plural: widgets}, scope: Namespaced}\n",
                   "8"));
    }) << false;
    QTest::newRow("git read again, one manifest changed") << Change([](Inputs &in) {
        in.desired = desiredOf(QByteArray(Git).replace("mode: blue", "mode: red"));
    }) << false;
}

void tst_ComparisonReuse::sameVerdictsAsFromScratch()
{
    QFETCH(const Change, change);
    QFETCH(const bool, flagsKept);

    Inputs in;
    in.desired = desiredOf(Git);
    for (const QByteArray &yaml : {Settings, Flags, Secret, Stray, Web})
        put(in.live, served(yaml));
    in.how.context = u"admin"_s;
    const ComparedWorkspace first = compareWorkspaceAgain(nullptr, in.desired, in.live, in.how);
    QCOMPARE(shown(first.snapshot), shown(compareWorkspace(in.desired, in.live, in.how)));
    const drift::ResourceDrift *flagsBefore =
        verdictOf(first.snapshot, id(u"ConfigMap"_s, u"flags"_s));
    QVERIFY(flagsBefore);
    QCOMPARE(flagsBefore->status, drift::SyncStatus::OutOfSync);
    QVERIFY(!flagsBefore->differences.isEmpty());

    change(in);
    const ComparedWorkspace again = compareWorkspaceAgain(&first, in.desired, in.live, in.how);
    const drift::WorkspaceDrift scratch = compareWorkspace(in.desired, in.live, in.how);
    QCOMPARE(shown(again.snapshot), shown(scratch));
    QCOMPARE(again.snapshot.context, scratch.context);
    QCOMPARE(again.snapshot.partial, scratch.partial);

    const drift::ResourceDrift *flags = verdictOf(again.snapshot, id(u"ConfigMap"_s, u"flags"_s));
    QVERIFY(flags);
    const bool kept = !flags->differences.isEmpty()
        && flags->differences.constData() == flagsBefore->differences.constData();
    QCOMPARE(kept, flagsKept);
    // And a third comparison starts from the second.
    const ComparedWorkspace third = compareWorkspaceAgain(&again, in.desired, in.live, in.how);
    QCOMPARE(shown(third.snapshot), shown(scratch));
}

// A Secret's verdict holds its values masked, so it is compared again whenever its live
// object is there: never kept from a comparison against other values, never unmasked.
void tst_ComparisonReuse::secretsStayMasked()
{
    Inputs in;
    in.desired = desiredOf(Git);
    for (const QByteArray &yaml : {Settings, Flags, Secret})
        put(in.live, served(yaml));
    const ComparedWorkspace first = compareWorkspaceAgain(nullptr, in.desired, in.live, in.how);
    put(in.live, served(QByteArray(Secret).replace("aHVudGVyMg==", "c3dvcmRmaXNo"), "8"));
    const ComparedWorkspace again = compareWorkspaceAgain(&first, in.desired, in.live, in.how);
    const drift::ResourceDrift *before = verdictOf(first.snapshot, id(u"Secret"_s, u"db"_s));
    const drift::ResourceDrift *after = verdictOf(again.snapshot, id(u"Secret"_s, u"db"_s));
    QVERIFY(before && after);
    QCOMPARE(before->status, drift::SyncStatus::Synced);
    QCOMPARE(after->status, drift::SyncStatus::OutOfSync);
    const QStringList lines = shown(again.snapshot);
    for (const QString &line : lines) {
        for (const QString &secret :
             {u"hunter2"_s, u"aHVudGVyMg"_s, u"swordfish"_s, u"c3dvcmRmaXNo"_s})
            QVERIFY2(!line.contains(secret), qPrintable(line));
    }
}

QTEST_GUILESS_MAIN(tst_ComparisonReuse)
#include "tst_comparisonreuse.moc"
