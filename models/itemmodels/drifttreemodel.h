#pragma once

#include "drift/workspacedrift.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

#include <memory>

namespace gitops {

/// The resource tree of the drift browser: App -> Namespace -> Kind -> Resource over one
/// drift::WorkspaceDrift (an app another app deploys, app-of-apps, a row under its parent's, after
/// the parent's namespaces; its counts and verdict stay its own), or a flat list of its
/// resources, with sync and health on every row and
/// resource counts on group rows (drifted and unknown apart). An app that could not be read
/// (an error) is Unknown in sync and health; one with a file git's side could not be read is
/// never Synced.
/// Raw values only; presentation (translated headers, icons, colours) lives in a proxy in
/// views/ (STYLE.md rule 4). setSnapshot() keeps persistent indexes (selection, expansion)
/// of rows that still exist. GUI thread.
class DriftTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    /// The verdict columns come first after the name, so that they stay in sight when the
    /// flat list adds the others.
    enum Column {
        NameColumn,
        SyncColumn,
        HealthColumn,
        LastChangeColumn, ///< the newest write to the live object (QDateTime, UTC)
        KindColumn,
        NamespaceColumn,
        AppColumn,
        /// What the app's controller (Argo CD, Flux) says, where the cluster defines the app
        ControllerColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum class NodeType { App, Namespace, Kind, Resource };
    Q_ENUM(NodeType)

    enum Role {
        NodeTypeRole = Qt::UserRole + 1, ///< NodeType
        SyncRole, ///< drift::SyncStatus (aggregated on groups)
        HealthRole, ///< drift::Health::Status (worst on groups)
        ResourceCountRole, ///< resources under the row (1 for a resource)
        DriftedCountRole, ///< of those, OutOfSync, Missing or Extraneous
        UnknownCountRole, ///< of those, Unknown (not compared: that is not drift)
        ErrorRole, ///< an app's problem (drift::AppWorkspaceDrift::problem()), else a resource's
                   ///< Unknown reason
        KeyRole, ///< stable path: "app/namespace/group/kind/name"
        LabelsRole, ///< a resource's labels, "key=value" strings
        SourceRole, ///< where git defines a resource: "file:line"
        LastChangeRole, ///< drift::FieldWriter of a resource's live object
        ExactRole, ///< bool: the verdict comes from a server dry run (exact mode)
        AppNameRole, ///< the app the row belongs to
        /// int(manifest::NamespaceFrom) where no manifest names the resource's namespace
        /// (its app's destination, the context, `default`); invalid when the manifest does.
        NamespaceFromRole,
        /// Where the controller's verdict differs from the console's, both named; "" when
        /// they agree or the controller says nothing of the row.
        ControllerDisagreementRole,
        /// The controller's own words (Argo CD's health message or error condition, Flux's
        /// Ready reason), on app rows.
        ControllerMessageRole,
        /// On resource rows a pending change (not yet a pull request) touches: its title;
        /// "" on the others (setPendingChange()).
        PendingChangeRole,
    };
    Q_ENUM(Role)

    explicit DriftTreeModel(QObject *parent = nullptr);
    ~DriftTreeModel() override;

    void setSnapshot(const drift::WorkspaceDrift &snapshot);
    /// Whether the last setSnapshot() kept every row: the new snapshot has the same
    /// resources in the same places as the one before (only their verdicts may differ), as
    /// under a stream of watch events.
    bool keptRows() const { return m_keptRows; }
    /// Whether @p a and @p b list the same apps with the same resources in the same order.
    static bool sameResources(const drift::WorkspaceDrift &a, const drift::WorkspaceDrift &b);
    /// Flat: every resource a top-level row (keys stay the same, so selections carry over).
    void setFlat(bool flat);
    bool isFlat() const { return m_flat; }
    const drift::WorkspaceDrift &snapshot() const { return *m_snapshot; }

    /// The resources the pending change touches and its title (PendingChangeRole); empty
    /// @p resources: none (submitted or discarded). Rows whose mark changes are told.
    void setPendingChange(const QList<manifest::ResourceId> &resources, const QString &title);

    /// How the tree names a kind: "Deployment.apps", or "Service" for the core group.
    static QString kindName(const manifest::ResourceId &id);

    /// The resource behind @p index; nullptr for group rows.
    const drift::ResourceDrift *resource(const QModelIndex &index) const;
    /// The app of an app row (nullptr on the others), valid until the next snapshot.
    const drift::AppWorkspaceDrift *app(const QModelIndex &index) const;
    /// The index of the row with KeyRole @p key, or an invalid index.
    QModelIndex indexForKey(const QString &key) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    struct Node;

private:
    void rebuild(std::shared_ptr<const drift::WorkspaceDrift> next);
    void update(std::shared_ptr<const drift::WorkspaceDrift> next);
    void emitChanged(const QList<const Node *> &changed);
    static void release(std::shared_ptr<const drift::WorkspaceDrift> old);
    const Node *nodeOf(const QModelIndex &index) const;
    static bool sameShape(const std::vector<std::unique_ptr<Node>> &a,
                          const std::vector<std::unique_ptr<Node>> &b);
    static void adoptValues(std::vector<std::unique_ptr<Node>> &into,
                            const std::vector<std::unique_ptr<Node>> &from,
                            QList<const Node *> &changed);

    std::shared_ptr<const drift::WorkspaceDrift> m_snapshot =
        std::make_shared<const drift::WorkspaceDrift>();
    std::vector<std::unique_ptr<Node>> m_roots;
    QHash<QString, const Node *> m_byKey;
    bool m_flat = false;
    bool m_keptRows = false;
    QSet<manifest::ResourceId> m_pendingResources;
    QString m_pendingTitle;
};

} // namespace gitops
