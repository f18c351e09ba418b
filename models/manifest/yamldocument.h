#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>

#include "text.h"

#include <string>
#include <variant>

namespace gitops::manifest {

/// One YAML document read by parseYamlDocuments(): its value typed the way Kubernetes tools
/// read YAML, and the line each value starts on.
struct YamlDocument
{
    QJsonValue value;
    /// JSON pointer (RFC 6901, "" for the document itself, "/spec/ports/0/port" for a field)
    /// to the 1-based line of the value: the line of its key in a map, of its item in a list.
    QHash<QString, int> lines;
    /// 1-based line where the document starts.
    int line = 0;
    /// JSON pointers of the text values written quoted or as a block, not plain: they are
    /// text whatever they hold, where a plain `3` is a number (Flux's substitution keeps
    /// the difference). Values reached through an alias are not listed.
    QSet<QString> quoted;
};

/// Why a YAML stream could not be read. Line and column are 1-based.
struct YamlError
{
    int line = 0;
    int column = 0;
    QString message; ///< the English of text
    /// The message as a sentence the window shows in its language (yaml-cpp's own words,
    /// where it found the error, are an argument of it).
    Text text = {};
};

/// Parses a stream of YAML documents (`---`, `...`; JSON is read as YAML 1.2 flow style).
/// Scalars are typed by the YAML 1.2 core schema as Kubernetes tooling applies it: quoted
/// scalars are strings ("80" stays a string); plain `true`/`false`, integers (0x, 0o and
/// Go's leading-zero octal), floats and `null`/`~`/empty are typed; `yes`, `on`, `y` stay
/// strings. Anchors and aliases are expanded and `<<` merge keys resolved. Map keys become
/// strings. Duplicate keys, non-scalar keys and values that cannot be JSON are errors.
/// A pure function: safe on any thread.
std::variant<QList<YamlDocument>, YamlError> parseYamlDocuments(const QByteArray &bytes);

/// The JSON value of one scalar with yaml-cpp's @p tag ("?" plain, "!" quoted, or a
/// resolved tag such as "tag:yaml.org,2002:str").
QJsonValue typedScalar(const std::string &value, const std::string &tag);

/// @p key escaped as one JSON pointer segment ('~' -> "~0", '/' -> "~1").
QString pointerSegment(const QString &key);

} // namespace gitops::manifest
