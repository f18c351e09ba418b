#include "workspacefile.h"

#include "drift/jqpath.h"
#include "manifest/yamldocument.h"

#include <QJsonArray>
#include <QJsonObject>

namespace gitops {

using manifest::SourceNote;

namespace {

struct Failure
{
    QString path;
    Text message;
};

QStringList stringList(const QJsonValue &value, const QString &path)
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString())
        return {value.toString()};
    if (!value.isArray())
        throw Failure{path,
                      Text(QT_TRANSLATE_NOOP("gitops::Text", "must be text or a list of text"))};
    QStringList result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            throw Failure{path + QLatin1Char('/') + QString::number(i),
                          Text(QT_TRANSLATE_NOOP("gitops::Text", "must be text"))};
        result.append(array.at(i).toString());
    }
    return result;
}

QString text(const QJsonObject &object, const char *key, const QString &path)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString())
        throw Failure{path + QLatin1Char('/') + QLatin1String(key),
                      Text(QT_TRANSLATE_NOOP("gitops::Text", "must be text"))};
    return value.toString();
}

QString cleanPath(QString path)
{
    while (path.startsWith(QLatin1String("./")))
        path.remove(0, 2);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path == QLatin1String(".") ? QString() : path;
}

App readApp(const QJsonObject &entry, const QString &path, const QHash<QString, int> &lines)
{
    static const QStringList known = {QStringLiteral("name"),        QStringLiteral("path"),
                                      QStringLiteral("paths"),       QStringLiteral("recurse"),
                                      QStringLiteral("destination"), QStringLiteral("tracking"),
                                      QStringLiteral("ignore")};
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (!known.contains(it.key()))
            throw Failure{
                path + QLatin1Char('/') + it.key(),
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "unknown field “%1”"), it.key())};
    }
    App app;
    app.source = App::Source::WorkspaceFile;
    app.name = text(entry, "name", path);
    if (app.name.isEmpty())
        throw Failure{path, Text(QT_TRANSLATE_NOOP("gitops::Text", "an app needs a name"))};
    QStringList paths =
        stringList(entry.value(QLatin1String("paths")), path + QLatin1String("/paths"));
    paths += stringList(entry.value(QLatin1String("path")), path + QLatin1String("/path"));
    if (paths.isEmpty())
        throw Failure{
            path,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "app “%1” needs a path"), app.name)};
    for (const QString &folder : std::as_const(paths)) {
        if (folder.startsWith(QLatin1Char('/'))
            || folder.split(QLatin1Char('/')).contains(QLatin1String("..")))
            throw Failure{
                path,
                Text::sentence(
                    QT_TRANSLATE_NOOP("gitops::Text", "path “%1” must stay inside the repository"),
                    folder)};
        app.paths.append(cleanPath(folder));
    }
    const QJsonValue recurse = entry.value(QLatin1String("recurse"));
    if (!recurse.isUndefined() && !recurse.isBool())
        throw Failure{path + QLatin1String("/recurse"),
                      Text(QT_TRANSLATE_NOOP("gitops::Text", "must be true or false"))};
    app.recurse = recurse.toBool();

    const QJsonObject destination = entry.value(QLatin1String("destination")).toObject();
    app.destinationContext = text(destination, "context", path + QLatin1String("/destination"));
    app.destinationNamespace = text(destination, "namespace", path + QLatin1String("/destination"));

    const QJsonObject tracking = entry.value(QLatin1String("tracking")).toObject();
    const QString method = text(tracking, "method", path + QLatin1String("/tracking"));
    if (method.isEmpty())
        app.tracking = App::Tracking::Unspecified;
    else if (method == QLatin1String("argocd"))
        app.tracking = App::Tracking::ArgoCd;
    else if (method == QLatin1String("flux"))
        app.tracking = App::Tracking::Flux;
    else if (method == QLatin1String("label"))
        app.tracking = App::Tracking::Label;
    else
        throw Failure{path + QLatin1String("/tracking/method"),
                      Text::sentence(
                          QT_TRANSLATE_NOOP("gitops::Text",
                                            "unknown tracking method “%1” (argocd, flux or label)"),
                          method)};
    app.trackingLabel = text(tracking, "label", path + QLatin1String("/tracking"));
    if (app.tracking == App::Tracking::Label && app.trackingLabel.isEmpty())
        throw Failure{path + QLatin1String("/tracking"),
                      Text(QT_TRANSLATE_NOOP("gitops::Text", "tracking by label needs a label"))};

    const QJsonObject ignore = entry.value(QLatin1String("ignore")).toObject();
    app.ignoredFiles =
        stringList(ignore.value(QLatin1String("files")), path + QLatin1String("/ignore/files"));
    const QJsonArray differences = ignore.value(QLatin1String("differences")).toArray();
    for (qsizetype i = 0; i < differences.size(); ++i) {
        const QString at = path + QLatin1String("/ignore/differences/") + QString::number(i);
        const QJsonObject rule = differences.at(i).toObject();
        IgnoredDifference difference;
        difference.group = text(rule, "group", at);
        difference.kind = text(rule, "kind", at);
        difference.name = text(rule, "name", at);
        difference.namespaceName = text(rule, "namespace", at);
        difference.jsonPointers = stringList(rule.value(QLatin1String("jsonPointers")),
                                             at + QLatin1String("/jsonPointers"));
        difference.managedFieldsManagers =
            stringList(rule.value(QLatin1String("managedFieldsManagers")),
                       at + QLatin1String("/managedFieldsManagers"));
        const QStringList expressions = stringList(rule.value(QLatin1String("jqPathExpressions")),
                                                   at + QLatin1String("/jqPathExpressions"));
        for (qsizetype j = 0; j < expressions.size(); ++j) {
            const drift::JqPath jq = drift::JqPath::parse(expressions.at(j));
            if (jq.isValid()) {
                difference.jqPathExpressions.append(expressions.at(j));
                continue;
            }
            // Not an error of the file: the app still loads, and the rule ignores nothing.
            const QString where = at + QLatin1String("/jqPathExpressions");
            app.notes.append(SourceNote::of(
                SourceNote::Kind::Ignored, workspaceFileName(),
                lines.value(where + QLatin1Char('/') + QString::number(j),
                            lines.value(where, lines.value(at, 1))),
                0,
                Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "app %1: jqPathExpressions “%2” is not supported "
                                                 "(%3); it ignores nothing"),
                               app.name, expressions.at(j), jq.error())));
        }
        if (difference.kind.isEmpty()
            || (difference.jsonPointers.isEmpty() && expressions.isEmpty()
                && difference.managedFieldsManagers.isEmpty()))
            throw Failure{at,
                          Text(QT_TRANSLATE_NOOP("gitops::Text",
                                                 "an ignored difference needs a kind and "
                                                 "jsonPointers, jqPathExpressions or "
                                                 "managedFieldsManagers"))};
        app.ignoredDifferences.append(difference);
    }
    return app;
}

// The closest line we know of @p path: the value itself, or the nearest parent that has one.
SourceNote errorAt(const QHash<QString, int> &lines, QString path, const Text &message)
{
    while (!path.isEmpty() && !lines.contains(path))
        path.truncate(path.lastIndexOf(QLatin1Char('/')));
    return SourceNote::of(SourceNote::Kind::Error, workspaceFileName(), lines.value(path, 1), 0,
                          message);
}

std::variant<QList<forge::ForgeHost>, SourceNote> forgesOf(const manifest::YamlDocument &document)
{
    auto read = forge::readForgeHosts(document.value.toObject().value(QLatin1String("forges")),
                                      QStringLiteral("/forges"));
    if (const auto *error = std::get_if<forge::ForgeHostsError>(&read))
        return errorAt(document.lines, error->path, error->message);
    return std::get<QList<forge::ForgeHost>>(read);
}

} // namespace

std::variant<QList<forge::ForgeHost>, SourceNote> parseWorkspaceForges(const QByteArray &bytes)
{
    auto parsed = manifest::parseYamlDocuments(bytes);
    if (auto *error = std::get_if<manifest::YamlError>(&parsed))
        return SourceNote::of(SourceNote::Kind::Error, workspaceFileName(), error->line,
                              error->column, error->text);
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    if (documents.size() != 1 || !documents.first().value.isObject())
        return QList<forge::ForgeHost>();
    return forgesOf(documents.first());
}

std::variant<QList<App>, SourceNote> parseWorkspaceFile(const QByteArray &bytes)
{
    auto parsed = manifest::parseYamlDocuments(bytes);
    if (auto *error = std::get_if<manifest::YamlError>(&parsed))
        return SourceNote::of(SourceNote::Kind::Error, workspaceFileName(), error->line,
                              error->column, error->text);
    const auto &documents = std::get<QList<manifest::YamlDocument>>(parsed);
    if (documents.size() != 1 || !documents.first().value.isObject())
        return SourceNote::of(
            SourceNote::Kind::Error, workspaceFileName(), 1, 0,
            Text(QT_TRANSLATE_NOOP("gitops::Text", "expected one map with an “apps” list")));
    const manifest::YamlDocument &document = documents.first();
    const QJsonObject root = document.value.toObject();
    try {
        const QJsonValue apps = root.value(QLatin1String("apps"));
        if (!apps.isArray())
            throw Failure{QString(),
                          Text(QT_TRANSLATE_NOOP("gitops::Text", "expected an “apps” list"))};
        QList<App> result;
        QStringList names;
        const QJsonArray list = apps.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString path = QLatin1String("/apps/") + QString::number(i);
            if (!list.at(i).isObject())
                throw Failure{path,
                              Text(QT_TRANSLATE_NOOP("gitops::Text", "each app must be a map"))};
            App app = readApp(list.at(i).toObject(), path, document.lines);
            if (names.contains(app.name))
                throw Failure{
                    path,
                    Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "two apps are named “%1”"),
                                   app.name)};
            names.append(app.name);
            app.definedAt = workspaceFileName() + QLatin1Char(':')
                + QString::number(document.lines.value(path, 1));
            result.append(app);
        }
        const auto forges = forgesOf(document);
        if (const auto *broken = std::get_if<SourceNote>(&forges))
            return *broken;
        return result;
    } catch (const Failure &failure) {
        return errorAt(document.lines, failure.path, failure.message);
    }
}

} // namespace gitops
