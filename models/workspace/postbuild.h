#pragma once

#include "text.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

namespace gitops {

/// A Flux Kustomization's `spec.postBuild`: the variables substituted into every object
/// after kustomize built it. A plain value.
struct PostBuild
{
    /// A ConfigMap or Secret (`substituteFrom`) in the Kustomization's namespace whose data
    /// keys are variables; later sources override earlier ones.
    struct Source
    {
        QString kind; ///< "ConfigMap" or "Secret"
        QString name;
        bool optional = false; ///< a missing object is no error
    };

    QMap<QString, QString> substitute; ///< inline; overrides every source
    QList<Source> substituteFrom;
    /// The variables of the substituteFrom sources read from the cluster, later sources
    /// over earlier ones (resolveSources()).
    QMap<QString, QString> fromSources;
    /// The sources that could not be read (not listed yet, not there, not allowed): their
    /// variables stay as written.
    QList<Source> unreadSources;

    bool isEmpty() const { return substitute.isEmpty() && substituteFrom.isEmpty(); }
    /// `spec.postBuild` of a Flux Kustomization's @p spec.
    static PostBuild fromSpec(const QJsonObject &spec);
    /// Reads the substituteFrom sources among @p objects (live ConfigMaps and Secrets of
    /// the Kustomization's namespace @p namespaceName) into fromSources, as Flux does: a
    /// ConfigMap's data, a Secret's data decoded, line breaks dropped; a missing optional
    /// source is none, a missing other one is unread.
    void resolveSources(const QString &namespaceName, const QList<QJsonObject> &objects);
    /// What a variable is: inline, else from the sources, else empty as Flux has it;
    /// unknown (nullopt) when a source could not be read.
    std::optional<QString> value(const QString &name) const;
};

/// How a variable is looked up: its value, or none when it is not known. Flux itself knows
/// every variable (an unset one is empty); nullopt is for a source the console could not
/// read, whose references are then left as written.
/// Why a text could not be expanded, in words ("bad substitution in “...”").
struct SubstitutionError
{
    Text message;
};

using VariableLookup = std::function<std::optional<QString>(const QString &name)>;

/// Expands `${...}` in @p text the way Flux's kustomize-controller does (drone/envsubst,
/// bash-like): `${VAR}`, the defaults `${VAR:=x}` `${VAR:-x}` `${VAR=x}` (used when VAR is
/// empty), `${#VAR}`, `${VAR^}` `${VAR^^}` `${VAR,}` `${VAR,,}`, `${VAR:offset[:length]}`,
/// `${VAR#glob}` `${VAR##glob}` `${VAR%glob}` `${VAR%%glob}`, `${VAR/from/to}`
/// `${VAR//from/to}` `${VAR/#from/to}` `${VAR/%from/to}`; `$$` is a `$`, and `\\` and `\/`
/// are `\` and `/` (as Flux does, also outside `${}`); a `$` not followed by `{` stays.
/// An expression whose variable @p lookup does not know stays as written. The expanded
/// text, or why not.
std::variant<QString, SubstitutionError> expandVariables(const QString &text,
                                                         const VariableLookup &lookup);

/// Why @p name cannot be a postBuild variable (Flux requires `[_a-zA-Z][_a-zA-Z0-9]*`), or
/// an empty Text.
Text invalidVariableName(const QString &name);

/// @p object after Flux's substitution of @p lookup's variables into its YAML text: every
/// key and text value expanded; a value the manifest wrote plain (not in @p quoted, the
/// resource's quotedFields) read again as a plain YAML scalar, so `replicas: ${REPLICAS}`
/// becomes a number, as it does for Flux, while `"${PORT}"` stays text. Unchanged when
/// @p hasVariables is false (Flux substitutes nothing without variables) or when the object
/// opts out with the label or annotation `kustomize.toolkit.fluxcd.io/substitute: disabled`.
/// On a bad expression the object unchanged and @p error set. A pure function.
QJsonObject substituteVariables(const QJsonObject &object, const VariableLookup &lookup,
                                bool hasVariables, const QSet<QString> &quoted, Text *error);

} // namespace gitops
