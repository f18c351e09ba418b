#include "fieldset.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <map>

namespace kubeemu {

namespace {

const QString selfKey = QStringLiteral(".");

void readNode(const QJsonObject &node, const FieldSet::Path &prefix, FieldSet &set)
{
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() == selfKey) {
            if (!prefix.isEmpty())
                set.insert(prefix);
            continue;
        }
        const FieldSet::Path path = prefix + FieldSet::Path{it.key()};
        const QJsonObject child = it.value().toObject();
        if (child.isEmpty())
            set.insert(path);
        else
            readNode(child, path, set);
    }
}

struct Node
{
    bool member = false;
    std::map<QString, Node> children;
};

QJsonObject writeNode(const Node &node)
{
    QJsonObject out;
    if (node.member && !node.children.empty())
        out.insert(selfKey, QJsonObject());
    for (const auto &[key, child] : node.children)
        out.insert(key, writeNode(child));
    return out;
}

bool startsWith(const FieldSet::Path &path, const FieldSet::Path &prefix)
{
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

QString scalarText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace

FieldSet FieldSet::fromFieldsV1(const QJsonObject &fields)
{
    FieldSet set;
    readNode(fields, {}, set);
    return set;
}

QJsonObject FieldSet::toFieldsV1() const
{
    Node root;
    for (const Path &path : m_paths) {
        Node *node = &root;
        for (const QString &element : path)
            node = &node->children[element];
        node->member = true;
    }
    return writeNode(root);
}

FieldSet FieldSet::united(const FieldSet &other) const
{
    FieldSet out = *this;
    out.m_paths.insert(other.m_paths.begin(), other.m_paths.end());
    return out;
}

FieldSet FieldSet::subtracted(const FieldSet &other) const
{
    FieldSet out;
    for (const Path &path : m_paths)
        if (!other.contains(path))
            out.insert(path);
    return out;
}

FieldSet FieldSet::intersected(const FieldSet &other) const
{
    FieldSet out;
    for (const Path &path : m_paths)
        if (other.contains(path))
            out.insert(path);
    return out;
}

FieldSet FieldSet::withoutPrefixes(const QList<Path> &prefixes) const
{
    FieldSet out;
    for (const Path &path : m_paths) {
        const bool under =
            std::any_of(prefixes.begin(), prefixes.end(),
                        [&path](const Path &prefix) { return startsWith(path, prefix); });
        if (!under)
            out.insert(path);
    }
    return out;
}

FieldSet FieldSet::onlyPrefixes(const QList<Path> &prefixes) const
{
    FieldSet out;
    for (const Path &path : m_paths) {
        const bool under =
            std::any_of(prefixes.begin(), prefixes.end(),
                        [&path](const Path &prefix) { return startsWith(path, prefix); });
        if (under)
            out.insert(path);
    }
    return out;
}

bool FieldSet::hasMemberUnder(const Path &path) const
{
    for (auto it = m_paths.lower_bound(path); it != m_paths.end(); ++it) {
        if (!startsWith(*it, path))
            break;
        if (it->size() > path.size())
            return true;
    }
    return false;
}

QString FieldSet::describe(const Path &path)
{
    QString out;
    for (const QString &element : path) {
        const QString rest = element.mid(2);
        if (element.startsWith(QLatin1String("f:"))) {
            out += QLatin1Char('.') + rest;
        } else if (element.startsWith(QLatin1String("k:"))) {
            const QJsonObject key = QJsonDocument::fromJson(rest.toUtf8()).object();
            QStringList parts;
            for (auto it = key.begin(); it != key.end(); ++it)
                parts << it.key() + QLatin1Char('=') + scalarText(it.value());
            out += QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
        } else if (element.startsWith(QLatin1String("v:"))) {
            out += QStringLiteral("[=") + rest + QLatin1Char(']');
        } else {
            out += QLatin1Char('[') + rest + QLatin1Char(']');
        }
    }
    return out;
}

} // namespace kubeemu
