// `gitops-console diff` against a cluster, side by side with `kubectl diff --server-side` on
// the same objects (issue 6): one app of 1,000 objects (Deployments, Services, ConfigMaps,
// Secrets and their Namespace) in git, applied to kube-emulator by server-side apply as the
// app's applier, then about a tenth of them drifted by other clients (scaled, image
// changed, ConfigMap and Secret values edited) or deleted. Both tools must name the same
// drifted objects; the figures are the median wall time of each, run alternately, and
// their ratio. Everything talks to 127.0.0.1 only and every command is bounded in time.
#include "gitbuilder.h"
#include "kubeemulatorprocess.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using gitops::test::CommandResult;
using gitops::test::runCommand;

namespace {

// 250 components (Deployment, Service, ConfigMap), 100 Secrets, 149 settings ConfigMaps and
// the Namespace: 1,000 objects.
constexpr int components = 250;
constexpr int secrets = 100;
constexpr int settings = 149;
constexpr int objectCount = 1 + 3 * components + secrets + settings;
constexpr int repetitions = 5;
constexpr int commandTimeoutMs = 300000;
// The app's applier: a CI job that deploys with `kubectl apply --server-side`.
const char applier[] = "ci-deploy";

QByteArray n(int i)
{
    return QByteArray::number(i);
}

QByteArray labels()
{
    return "  labels:\n    app.kubernetes.io/part-of: bench\n";
}

QByteArray deployment(int i)
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-" + n(i)
        + "\n  namespace: bench\n" + labels() + "    app: web-" + n(i)
        + "\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web-" + n(i)
        + "\n  template:\n    metadata:\n      labels:\n        app: web-" + n(i)
        + "\n    spec:\n      containers:\n        - name: web\n"
          "          image: ghcr.io/example/web:1.4."
        + n(i % 7)
        + "\n          ports:\n            - containerPort: 8080\n              name: http\n"
          "          env:\n            - name: LOG_LEVEL\n              value: info\n"
          "            - name: CONFIG\n              value: /etc/web/config\n"
          "          resources:\n            requests:\n              cpu: 100m\n"
          "              memory: 128Mi\n            limits:\n              memory: 256Mi\n"
          "          readinessProbe:\n            httpGet:\n              path: /healthz\n"
          "              port: http\n          volumeMounts:\n            - name: config\n"
          "              mountPath: /etc/web\n      volumes:\n        - name: config\n"
          "          configMap:\n            name: web-"
        + n(i) + "-config\n";
}

QByteArray service(int i)
{
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: web-" + n(i)
        + "\n  namespace: bench\n" + labels() + "spec:\n  selector:\n    app: web-" + n(i)
        + "\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n";
}

QByteArray componentConfig(int i)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-" + n(i)
        + "-config\n  namespace: bench\n" + labels()
        + "data:\n  config: |\n    listen: 8080\n    upstream: api-" + n(i % 13)
        + ".bench.svc\n  FEATURE_FLAGS: checkout-v2,search\n  MAX_CONNECTIONS: \"" + n(100 + i)
        + "\"\n";
}

QByteArray secret(int i)
{
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-" + n(i)
        + "-credentials\n  namespace: bench\n" + labels()
        + "type: Opaque\nstringData:\n  DB_PASSWORD: git-password-" + n(i)
        + "\n  API_TOKEN: git-token-" + n(i) + "\n";
}

QByteArray setting(int i)
{
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-" + n(i)
        + "\n  namespace: bench\n" + labels() + "data:\n  region: eu-west-" + n(i % 3)
        + "\n  retries: \"" + n(i % 5) + "\"\n";
}

// Repository-relative path -> content of the app's manifests.
QMap<QString, QByteArray> manifests()
{
    QMap<QString, QByteArray> files;
    files.insert(QStringLiteral("00-namespace.yaml"),
                 "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n" + labels());
    for (int i = 0; i < components; ++i) {
        QByteArray text = deployment(i) + "---\n" + service(i) + "---\n" + componentConfig(i);
        if (i < secrets)
            text += "---\n" + secret(i);
        files.insert(QStringLiteral("web-%1.yaml").arg(i, 3, 10, QLatin1Char('0')), text);
    }
    QByteArray text;
    for (int i = 0; i < settings; ++i)
        text += (i ? "---\n" : "") + setting(i);
    files.insert(QStringLiteral("settings.yaml"), text);
    return files;
}

bool writeFiles(const QString &folder, const QMap<QString, QByteArray> &files)
{
    QDir().mkpath(folder);
    for (auto it = files.begin(); it != files.end(); ++it) {
        QFile out(folder + u'/' + it.key());
        if (!out.open(QIODevice::WriteOnly) || out.write(it.value()) != it.value().size())
            return false;
    }
    return true;
}

// "group/Kind/namespace/name", the identity both tools' outputs are reduced to.
QString key(const QString &group, const QString &kind, const QString &ns, const QString &name)
{
    return group + u'/' + kind + u'/' + ns + u'/' + name;
}

struct Drift
{
    QList<QStringList> commands; // kubectl arguments, each run once
    QSet<QString> expected;
};

// What people do to the cluster by hand, under their own field managers: 100 objects.
Drift driftPlan()
{
    Drift drift;
    auto names = [](const QString &pattern, int from, int to) {
        QStringList list;
        for (int i = from; i < to; ++i)
            list << pattern.arg(i);
        return list;
    };
    const QString ns = QStringLiteral("bench");
    // Scaled by hand (kubectl, scale subresource): web-0..29.
    const QStringList scaled = names(QStringLiteral("web-%1"), 0, 30);
    drift.commands << QStringList{QStringLiteral("scale"), QStringLiteral("deployment")} + scaled
            + QStringList{QStringLiteral("-n"), ns, QStringLiteral("--replicas=5")};
    // A hotfix image (kubectl-set): web-100..129.
    const QStringList hotfixed = names(QStringLiteral("web-%1"), 100, 130);
    drift.commands << QStringList{QStringLiteral("set"), QStringLiteral("image"),
                                  QStringLiteral("deployment")}
            + hotfixed
            + QStringList{QStringLiteral("-n"), ns,
                          QStringLiteral("web=ghcr.io/example/web:hotfix")};
    // A ConfigMap value edited (kubectl-patch): web-200..224-config.
    const QStringList edited = names(QStringLiteral("web-%1-config"), 200, 225);
    drift.commands << QStringList{QStringLiteral("patch"), QStringLiteral("configmap")} + edited
            + QStringList{QStringLiteral("-n"), ns, QStringLiteral("--type=merge"),
                          QStringLiteral("-p"),
                          QStringLiteral("{\"data\":{\"MAX_CONNECTIONS\":\"5000\"}}")};
    // A rotated password (kubectl-patch): web-50..54-credentials.
    const QStringList rotated = names(QStringLiteral("web-%1-credentials"), 50, 55);
    drift.commands << QStringList{QStringLiteral("patch"), QStringLiteral("secret")} + rotated
            + QStringList{QStringLiteral("-n"), ns, QStringLiteral("--type=merge"),
                          QStringLiteral("-p"),
                          QStringLiteral("{\"stringData\":{\"DB_PASSWORD\":\"rotated\"}}")};
    // Deleted: five Services and five settings ConfigMaps.
    const QStringList services = names(QStringLiteral("web-%1"), 240, 245);
    drift.commands << QStringList{QStringLiteral("delete"), QStringLiteral("service")} + services
            + QStringList{QStringLiteral("-n"), ns};
    const QStringList deleted = names(QStringLiteral("settings-%1"), 140, 145);
    drift.commands << QStringList{QStringLiteral("delete"), QStringLiteral("configmap")} + deleted
            + QStringList{QStringLiteral("-n"), ns};

    for (const QString &name : scaled + hotfixed)
        drift.expected << key(QStringLiteral("apps"), QStringLiteral("Deployment"), ns, name);
    for (const QString &name : edited + deleted)
        drift.expected << key(QString(), QStringLiteral("ConfigMap"), ns, name);
    for (const QString &name : rotated)
        drift.expected << key(QString(), QStringLiteral("Secret"), ns, name);
    for (const QString &name : services)
        drift.expected << key(QString(), QStringLiteral("Service"), ns, name);
    return drift;
}

// The resources gitops-console's JSON reports as anything but Synced.
QSet<QString> driftedInJson(const QString &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (document.isNull()) {
        *error = QStringLiteral("gitops-console printed no JSON: ") + parseError.errorString();
        return {};
    }
    QSet<QString> drifted;
    int resources = 0;
    for (const QJsonValue &app : document.object().value(QLatin1String("apps")).toArray()) {
        for (const QJsonValue &value : app.toObject().value(QLatin1String("resources")).toArray()) {
            const QJsonObject resource = value.toObject();
            ++resources;
            if (resource.value(QLatin1String("status")).toString() != QLatin1String("Synced"))
                drifted << key(resource.value(QLatin1String("group")).toString(),
                               resource.value(QLatin1String("kind")).toString(),
                               resource.value(QLatin1String("namespace")).toString(),
                               resource.value(QLatin1String("name")).toString());
        }
    }
    if (resources != objectCount)
        *error = QStringLiteral("gitops-console reported %1 resources, not %2")
                     .arg(resources)
                     .arg(objectCount);
    return drifted;
}

// The objects `kubectl diff` names in its `diff -u -N LIVE/<file> MERGED/<file>` headers,
// where <file> is `<group>.<version>.<Kind>.<namespace>.<name>` (group and namespace
// left out when empty, "/" of the group version written as ".").
QSet<QString> driftedInKubectlDiff(const QString &output)
{
    static const QRegularExpression header(
        QStringLiteral("^diff -u -N \\S*/LIVE-[^/]*/(\\S+) \\S*/MERGED-"),
        QRegularExpression::MultilineOption);
    static const QRegularExpression file(
        QStringLiteral("^(?:(.+)\\.)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)\\.([A-Z][A-Za-z0-9]*)\\."
                       "(?:([a-z0-9-]+)\\.)?([^.]+)$"));
    QSet<QString> drifted;
    for (auto it = header.globalMatch(output); it.hasNext();) {
        const QString name = it.next().captured(1);
        const QRegularExpressionMatch parts = file.match(name);
        if (!parts.hasMatch()) {
            drifted << QStringLiteral("(unparsed) ") + name;
            continue;
        }
        drifted << key(parts.captured(1), parts.captured(3), parts.captured(4), parts.captured(5));
    }
    return drifted;
}

void printDifference(const char *what, const QSet<QString> &left, const QSet<QString> &right,
                     const char *leftName, const char *rightName)
{
    QStringList onlyLeft = QSet(left).subtract(right).values();
    QStringList onlyRight = QSet(right).subtract(left).values();
    onlyLeft.sort();
    onlyRight.sort();
    std::fprintf(stderr, "bench_clidiff: %s: %lld only in %s, %lld only in %s\n", what,
                 qint64(onlyLeft.size()), leftName, qint64(onlyRight.size()), rightName);
    for (const QString &k : std::as_const(onlyLeft))
        std::fprintf(stderr, "  only in %s: %s\n", leftName, qPrintable(k));
    for (const QString &k : std::as_const(onlyRight))
        std::fprintf(stderr, "  only in %s: %s\n", rightName, qPrintable(k));
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const size_t middle = samples.size() / 2;
    return samples.size() % 2 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "bench_clidiff: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(QStringLiteral("no temporary folder"));
    // kubectl keeps its discovery cache under HOME, gitops-console its settings: both warm
    // after the first run, as on a user's machine, and neither touches the real ones.
    const QStringList environment{
        QStringLiteral("HOME=") + dir.filePath(QStringLiteral("home")),
        QStringLiteral("XDG_CONFIG_HOME=") + dir.filePath(QStringLiteral("home/.config")),
        QStringLiteral("XDG_CACHE_HOME=") + dir.filePath(QStringLiteral("home/.cache"))};
    QDir().mkpath(dir.filePath(QStringLiteral("home")));

    // git: the app as a gitops-console.yaml names it; kubectl: the same manifests in a folder.
    const QMap<QString, QByteArray> files = manifests();
    const QString plain = dir.filePath(QStringLiteral("manifests"));
    if (!writeFiles(plain, files))
        return fail(QStringLiteral("cannot write the manifests"));
    const QString repository = dir.filePath(QStringLiteral("fleet"));
    {
        QMap<QString, QByteArray> tree;
        for (auto it = files.begin(); it != files.end(); ++it)
            tree.insert(QStringLiteral("apps/bench/") + it.key(), it.value());
        tree.insert(QStringLiteral("gitops-console.yaml"),
                    "apps:\n  - name: bench\n    path: apps/bench\n    destination:\n"
                    "      namespace: bench\n    tracking:\n      method: label\n"
                    "      label: app.kubernetes.io/part-of=bench\n");
        gitops::test::GitBuilder git(repository);
        if (git.commit(QStringLiteral("main"), tree, QStringLiteral("bench app")).isEmpty())
            return fail(QStringLiteral("cannot commit the app"));
        git.checkout(QStringLiteral("main"));
    }

    gitops::test::KubeEmulatorProcess server;
    QString error;
    if (!server.start(QStringLiteral(KUBE_EMULATOR), {}, &error))
        return fail(error);
    const QString kubeconfig = server.kubeconfig();
    const auto kubectl = [&](const QStringList &arguments) {
        return runCommand(QStringLiteral(KUBECTL),
                          QStringList{QStringLiteral("--kubeconfig"), kubeconfig,
                                      QStringLiteral("--request-timeout=60s")}
                              + arguments,
                          {}, environment, commandTimeoutMs);
    };

    // Deployed by the app's applier, then drifted by hand.
    const CommandResult applied =
        kubectl({QStringLiteral("apply"), QStringLiteral("--server-side"),
                 QStringLiteral("--validate=false"),
                 QStringLiteral("--field-manager=") + QLatin1String(applier), QStringLiteral("-R"),
                 QStringLiteral("-f"), plain});
    if (applied.exitCode != 0)
        return fail(QStringLiteral("kubectl apply failed: ") + applied.err.left(2000));
    const Drift drift = driftPlan();
    for (const QStringList &command : drift.commands) {
        const CommandResult result = kubectl(command);
        if (result.exitCode != 0)
            return fail(QStringLiteral("kubectl %1 failed: %2")
                            .arg(command.first(), result.err.left(2000)));
    }

    const QStringList consoleArguments{
        QStringLiteral("diff"),      QStringLiteral("--repo"), repository,
        QStringLiteral("--context"), QStringLiteral("admin"),  QStringLiteral("-o"),
        QStringLiteral("json")};
    const QStringList consoleEnvironment =
        environment + QStringList{QStringLiteral("KUBECONFIG=") + kubeconfig};
    // kubectl diff as Argo CD's server-side diff does it: the applier's dry-run apply, taking
    // fields other managers wrote (without --force-conflicts every hand edit is a conflict).
    const QStringList kubectlArguments{QStringLiteral("diff"),
                                       QStringLiteral("--server-side"),
                                       QStringLiteral("--force-conflicts"),
                                       QStringLiteral("--field-manager=") + QLatin1String(applier),
                                       QStringLiteral("-R"),
                                       QStringLiteral("-f"),
                                       plain};

    std::vector<double> ours;
    std::vector<double> theirs;
    for (int run = 0; run <= repetitions; ++run) { // run 0 is the warm-up
        QElapsedTimer clock;
        clock.start();
        const CommandResult console = runCommand(QStringLiteral(GITOPS_CONSOLE), consoleArguments,
                                                 {}, consoleEnvironment, commandTimeoutMs);
        const double consoleMs = double(clock.nsecsElapsed()) / 1e6;
        clock.restart();
        const CommandResult diff = kubectl(kubectlArguments);
        const double kubectlMs = double(clock.nsecsElapsed()) / 1e6;

        if (console.exitCode != 1)
            return fail(QStringLiteral("gitops-console diff exited with %1, not 1 (drift): %2")
                            .arg(console.exitCode)
                            .arg(console.err.left(2000)));
        if (diff.exitCode != 1)
            return fail(QStringLiteral("kubectl diff exited with %1, not 1 (differences): %2")
                            .arg(diff.exitCode)
                            .arg(diff.err.left(2000)));
        QString jsonError;
        const QSet<QString> oursDrifted = driftedInJson(console.out, &jsonError);
        if (!jsonError.isEmpty())
            return fail(jsonError);
        const QSet<QString> kubectlDrifted = driftedInKubectlDiff(diff.out);
        if (oursDrifted != kubectlDrifted) {
            printDifference("the drifted objects differ", oursDrifted, kubectlDrifted,
                            "gitops-console", "kubectl diff");
            return 1;
        }
        if (oursDrifted != drift.expected) {
            printDifference("both tools disagree with the drift made", oursDrifted, drift.expected,
                            "the tools", "the drift made");
            return 1;
        }
        if (run > 0) {
            ours.push_back(consoleMs);
            theirs.push_back(kubectlMs);
        }
    }
    const double oursMs = median(ours);
    const double theirsMs = median(theirs);
    std::printf("BENCH cli_diff_1000_objects %.1f ms\n", oursMs);
    std::printf("BENCH kubectl_diff_server_side_1000_objects %.1f ms\n", theirsMs);
    std::printf("BENCH cli_diff_speedup_over_kubectl_1000_objects %.1f x\n", theirsMs / oursMs);
    std::fflush(stdout);
    static_assert(objectCount == 1000);
    return 0;
}
