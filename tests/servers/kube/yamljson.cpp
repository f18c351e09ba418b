#include "yamljson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace kubeemu {

namespace {

QJsonValue scalar(const YAML::Node &node)
{
    const QString text = QString::fromStdString(node.Scalar());
    // Quoted ("80") and block scalars carry the non-specific tag "!": always strings.
    if (node.Tag() == "!")
        return text;
    static const QRegularExpression integer(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression octal(QStringLiteral("^0o[0-7]+$"));
    static const QRegularExpression hex(QStringLiteral("^0x[0-9a-fA-F]+$"));
    static const QRegularExpression real(
        QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return QJsonValue::Null;
    if (text == u"true" || text == u"True" || text == u"TRUE")
        return true;
    if (text == u"false" || text == u"False" || text == u"FALSE")
        return false;
    bool ok = false;
    if (integer.match(text).hasMatch()) {
        const qlonglong value = text.toLongLong(&ok);
        if (ok)
            return QJsonValue(value);
    }
    if (octal.match(text).hasMatch())
        return QJsonValue(text.mid(2).toLongLong(&ok, 8));
    if (hex.match(text).hasMatch())
        return QJsonValue(text.mid(2).toLongLong(&ok, 16));
    if (real.match(text).hasMatch())
        return text.toDouble();
    return text;
}

QJsonValue convert(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue::Null;
    case YAML::NodeType::Scalar:
        return scalar(node);
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node &item : node)
            array.append(convert(item));
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        QJsonObject merged;
        for (const auto &entry : node) {
            const std::string key = entry.first.Scalar();
            if (key == "<<" && entry.first.Tag() != "!") {
                // Merge keys: explicit keys win over merged ones.
                const YAML::Node &source = entry.second;
                const auto mergeOne = [&merged](const YAML::Node &map) {
                    const QJsonObject values = convert(map).toObject();
                    for (auto it = values.begin(); it != values.end(); ++it) {
                        if (!merged.contains(it.key()))
                            merged.insert(it.key(), it.value());
                    }
                };
                if (source.IsSequence()) {
                    for (const YAML::Node &map : source)
                        mergeOne(map);
                } else {
                    mergeOne(source);
                }
                continue;
            }
            object.insert(QString::fromStdString(key), convert(entry.second));
        }
        for (auto it = merged.begin(); it != merged.end(); ++it) {
            if (!object.contains(it.key()))
                object.insert(it.key(), it.value());
        }
        return object;
    }
    }
    return QJsonValue::Null;
}

} // namespace

QList<QJsonValue> parseYamlDocuments(const QByteArray &text, QString *error)
{
    QList<QJsonValue> documents;
    try {
        for (const YAML::Node &document : YAML::LoadAll(text.toStdString())) {
            if (document.IsNull())
                continue;
            documents << convert(document);
        }
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("line %1, column %2: %3")
                     .arg(e.mark.line + 1)
                     .arg(e.mark.column + 1)
                     .arg(QString::fromStdString(e.msg));
        return {};
    }
    return documents;
}

} // namespace kubeemu
