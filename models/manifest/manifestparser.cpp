#include "manifestparser.h"

#include "manifest/yamldocument.h"

#include <QJsonArray>

namespace gitops::manifest {

namespace {

// The lines under @p prefix, re-rooted so that @p prefix becomes "".
QHash<QString, int> linesUnder(const QHash<QString, int> &lines, const QString &prefix)
{
    if (prefix.isEmpty())
        return lines;
    QHash<QString, int> result;
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        const QString &path = it.key();
        if (path == prefix)
            result.insert(QString(), it.value());
        else if (path.startsWith(prefix) && path.at(prefix.size()) == QLatin1Char('/'))
            result.insert(path.mid(prefix.size()), it.value());
    }
    return result;
}

// The pointers under @p prefix, re-rooted so that @p prefix becomes "".
QSet<QString> pointersUnder(const QSet<QString> &pointers, const QString &prefix)
{
    if (prefix.isEmpty())
        return pointers;
    QSet<QString> result;
    for (const QString &path : pointers) {
        if (path.startsWith(prefix) && path.size() > prefix.size()
            && path.at(prefix.size()) == QLatin1Char('/'))
            result.insert(path.mid(prefix.size()));
    }
    return result;
}

bool isList(const QJsonObject &object)
{
    return object.value(QLatin1String("kind")).toString().endsWith(QLatin1String("List"))
        && object.value(QLatin1String("items")).isArray();
}

struct Reader
{
    const QString &file;
    ParsedManifests result;

    void note(SourceNote::Kind kind, int line, const Text &message)
    {
        result.notes.append(SourceNote::of(kind, file, line, 0, message));
    }

    void addObject(const QJsonValue &value, const QHash<QString, int> &lines,
                   const QSet<QString> &quoted, int line, const Text &what, int depth)
    {
        if (!value.isObject()) {
            if (!value.isNull())
                note(SourceNote::Kind::Ignored, line,
                     Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                      "%1 is not a Kubernetes object (not a map)"),
                                    what));
            return;
        }
        const QJsonObject object = value.toObject();
        const QJsonValue apiVersion = object.value(QLatin1String("apiVersion"));
        const QJsonValue kind = object.value(QLatin1String("kind"));
        if (!apiVersion.isString() || apiVersion.toString().isEmpty() || !kind.isString()
            || kind.toString().isEmpty()) {
            note(SourceNote::Kind::Ignored, line,
                 Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "%1 has no apiVersion or kind"),
                                what));
            return;
        }
        // A List nested in a List is not something kubectl accepts either.
        if (depth == 0 && isList(object)) {
            const QJsonArray items = object.value(QLatin1String("items")).toArray();
            for (qsizetype i = 0; i < items.size(); ++i) {
                const QString prefix = QLatin1String("/items/") + QString::number(i);
                addObject(items.at(i), linesUnder(lines, prefix), pointersUnder(quoted, prefix),
                          lines.value(prefix, line),
                          Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "item %1 of the %2"),
                                         qint64(i), kind.toString()),
                          1);
            }
            return;
        }

        const QJsonObject metadata = object.value(QLatin1String("metadata")).toObject();
        Resource resource;
        resource.apiVersion = apiVersion.toString();
        resource.id.group = ResourceId::groupOf(resource.apiVersion);
        resource.id.kind = kind.toString();
        resource.id.namespaceName = metadata.value(QLatin1String("namespace")).toString();
        resource.id.name = metadata.value(QLatin1String("name")).toString();
        if (resource.id.name.isEmpty()) {
            const QString generateName = metadata.value(QLatin1String("generateName")).toString();
            if (generateName.isEmpty()) {
                note(SourceNote::Kind::Error, line,
                     Text::sentence(QT_TRANSLATE_NOOP("gitops::Text",
                                                      "%1 (%2) has neither metadata.name nor "
                                                      "metadata.generateName"),
                                    what, resource.id.kind));
                return;
            }
            resource.untrackable = true;
            resource.id.name = generateName;
        }
        resource.object = object;
        resource.file = file;
        resource.line = line;
        resource.fieldLines = lines;
        resource.quotedFields = quoted;
        result.resources.append(std::move(resource));
    }
};

} // namespace

bool looksLikeText(const QByteArray &bytes)
{
    // git's own test for binary content: a NUL byte in the first 8000 bytes.
    return !bytes.left(8000).contains('\0');
}

ParsedManifests parseManifests(const QByteArray &bytes, const QString &file)
{
    Reader reader{file, {}};
    auto parsed = parseYamlDocuments(bytes);
    if (auto *error = std::get_if<YamlError>(&parsed)) {
        reader.result.notes.append(
            SourceNote::of(SourceNote::Kind::Error, file, error->line, error->column, error->text));
        return reader.result;
    }
    const auto &documents = std::get<QList<YamlDocument>>(parsed);
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const YamlDocument &document = documents.at(i);
        const int line = document.lines.value(QString(), document.line);
        reader.addObject(
            document.value, document.lines, document.quoted, line,
            Text::sentence(QT_TRANSLATE_NOOP("gitops::Text", "document %1"), qint64(i + 1)), 0);
    }
    return reader.result;
}

} // namespace gitops::manifest
