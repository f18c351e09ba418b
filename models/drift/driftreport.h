#pragma once

#include "drift/appdrift.h"
#include "drift/resourcedrift.h"
#include "drift/yamlwriter.h"

#include <QJsonObject>
#include <QString>

namespace gitops::drift {

/// The texts made from drift results: JSON in the stable shape the CLI documents (README,
/// "Command line: diff"), normalised YAML of both sides, and unified diffs. Secret values
/// are masked in every one (they are masked in the results already). Pure functions.
class DriftReport
{
public:
    /// What the live side of a display shows.
    enum class LiveView {
        Relevant, ///< the fields desired sets plus the drifted ones (default)
        Whole, ///< the whole live object, without managedFields
    };

    static QJsonObject toJson(const AppDrift &app);
    static QJsonObject toJson(const ResourceDrift &resource);

    /// Desired as compared, normalised: desired's key order, then the rest alphabetically.
    static QString desiredYaml(const ResourceDrift &resource);
    static QString liveYaml(const ResourceDrift &resource, LiveView view = LiveView::Relevant);
    /// The same texts, and in @p fields the lines of each field by JSON pointer (to show
    /// one field of a difference in them).
    using FieldLines = QHash<QString, YamlWriter::LineRange>;
    static QString desiredYaml(const ResourceDrift &resource, FieldLines *fields);
    static QString liveYaml(const ResourceDrift &resource, LiveView view, FieldLines *fields);
    /// `diff -u` of desiredYaml() and liveYaml(), headed "desired/<id>" and "live/<id>";
    /// empty when there is nothing to show.
    static QString unifiedDiff(const ResourceDrift &resource, LiveView view = LiveView::Relevant);
    /// The unified diffs of every resource that is not Synced, one after another.
    static QString unifiedDiff(const AppDrift &app, LiveView view = LiveView::Relevant);
};

} // namespace gitops::drift
