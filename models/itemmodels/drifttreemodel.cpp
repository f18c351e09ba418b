#include "drifttreemodel.h"

#include <QJsonObject>
#include <QThreadPool>

namespace gitops {

struct DriftTreeModel::Node
{
    NodeType type = NodeType::App;
    QString name;
    QString key;
    const Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;
    // Filled per type: the app for App rows, the resource for Resource rows.
    const drift::AppWorkspaceDrift *app = nullptr;
    const drift::AppWorkspaceDrift *owner = nullptr; ///< the app the row belongs to
    const drift::ResourceDrift *resource = nullptr;
    /// Where the row's app is in the snapshot's apps, and (on resource rows) where its
    /// resource is in that app's resources: a new snapshot with the same resources in the
    /// same places is taken in by these, without building a tree.
    int appIndex = -1;
    int resourceIndex = -1;
    // Aggregates.
    drift::SyncStatus sync = drift::SyncStatus::Synced;
    drift::Health health{drift::Health::Status::Healthy, QString()};
    int resources = 0;
    int drifted = 0;
    int unknown = 0;

    /// The group child @p childName, made on first use; @p groups indexes groups by key so
    /// that building a tree of n resources stays O(n).
    Node *group(NodeType childType, const QString &childName, const QString &childKey,
                QHash<QString, Node *> &groups)
    {
        if (Node *existing = groups.value(childKey))
            return existing;
        Node *node = append(childType, childName, childKey);
        groups.insert(childKey, node);
        return node;
    }

    Node *append(NodeType childType, const QString &childName, const QString &childKey)
    {
        auto node = std::make_unique<Node>();
        node->type = childType;
        node->name = childName;
        node->key = childKey;
        node->parent = this;
        node->owner = owner;
        node->appIndex = appIndex;
        node->row = int(children.size());
        children.push_back(std::move(node));
        return children.back().get();
    }
};

namespace {

// A group's sync state: OutOfSync when anything under it drifts (OutOfSync, Missing or
// Extraneous), else Unknown when anything could not be compared, else Synced.
int driftRank(drift::SyncStatus status)
{
    switch (status) {
    case drift::SyncStatus::Synced:
        return 0;
    case drift::SyncStatus::Unknown:
        return 1;
    default:
        return 2;
    }
}

drift::SyncStatus worse(drift::SyncStatus group, drift::SyncStatus child)
{
    const int rank = std::max(driftRank(group), driftRank(child));
    return rank == 2 ? drift::SyncStatus::OutOfSync
        : rank == 1  ? drift::SyncStatus::Unknown
                     : drift::SyncStatus::Synced;
}

void aggregate(DriftTreeModel::Node *node)
{
    if (node->type == DriftTreeModel::NodeType::Resource)
        return;
    node->resources = 0;
    node->drifted = 0;
    node->unknown = 0;
    node->sync = drift::SyncStatus::Synced;
    node->health = {drift::Health::Status::Healthy, QString()};
    for (const auto &child : node->children) {
        // A child app (app-of-apps) has its own verdict; its parent's is that of the
        // Applications it deploys, as Argo CD judges a parent app.
        if (child->type == DriftTreeModel::NodeType::App)
            continue;
        aggregate(child.get());
        node->resources += child->resources;
        node->drifted += child->drifted;
        node->unknown += child->unknown;
        node->sync = worse(node->sync, child->sync);
        node->health = drift::Health::worse(node->health, child->health);
    }
    if (node->type != DriftTreeModel::NodeType::App || !node->app)
        return;
    // An app that could not be read has no verdict (a Helm chart, a failed render): whatever
    // resources it lists, it is neither Synced nor Healthy. One whose files were read in part
    // may drift, but cannot be called Synced.
    if (!node->app->error.isEmpty()) {
        node->sync = drift::SyncStatus::Unknown;
        node->health = {drift::Health::Status::Unknown, node->app->errorSentence()};
    } else if (node->sync == drift::SyncStatus::Synced && !node->app->readErrors().isEmpty()) {
        node->sync = drift::SyncStatus::Unknown;
    }
}

} // namespace

bool DriftTreeModel::sameShape(const std::vector<std::unique_ptr<Node>> &a,
                               const std::vector<std::unique_ptr<Node>> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i]->key != b[i]->key || !sameShape(a[i]->children, b[i]->children))
            return false;
    }
    return true;
}

void DriftTreeModel::adoptValues(std::vector<std::unique_ptr<Node>> &into,
                                 const std::vector<std::unique_ptr<Node>> &from,
                                 QList<const Node *> &changed)
{
    for (size_t i = 0; i < into.size(); ++i) {
        Node &node = *into[i];
        const Node &source = *from[i];
        // Every row takes the new snapshot's values; only rows whose shown values differ are
        // reported, so that proxies and views redo just those.
        const bool differs = node.sync != source.sync || node.health != source.health
            || node.resources != source.resources || node.drifted != source.drifted
            || node.unknown != source.unknown
            || (node.app && source.app
                && (node.app->problem() != source.app->problem()
                    || node.app->exact != source.app->exact));
        const bool exactChanged = node.owner && source.owner && node.resource && source.resource
            && node.owner->dryRun.contains(node.resource->id)
                != source.owner->dryRun.contains(source.resource->id);
        const bool lastChanged = node.owner && source.owner && node.resource
            && node.owner->lastChanges.value(node.resource->id).time
                != source.owner->lastChanges.value(node.resource->id).time;
        node.app = source.app;
        node.owner = source.owner;
        node.resource = source.resource;
        node.appIndex = source.appIndex;
        node.resourceIndex = source.resourceIndex;
        node.sync = source.sync;
        node.health = source.health;
        node.resources = source.resources;
        node.drifted = source.drifted;
        node.unknown = source.unknown;
        if (differs || exactChanged || lastChanged)
            changed << &node;
        adoptValues(node.children, source.children, changed);
    }
}

DriftTreeModel::DriftTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

DriftTreeModel::~DriftTreeModel() = default;

void DriftTreeModel::setSnapshot(const drift::WorkspaceDrift &snapshot)
{
    auto next = std::make_shared<const drift::WorkspaceDrift>(snapshot);
    m_keptRows = !m_roots.empty() && sameResources(*m_snapshot, *next);
    if (m_keptRows)
        update(std::move(next));
    else
        rebuild(std::move(next));
}

bool DriftTreeModel::sameResources(const drift::WorkspaceDrift &a, const drift::WorkspaceDrift &b)
{
    if (a.apps.size() != b.apps.size())
        return false;
    for (qsizetype i = 0; i < a.apps.size(); ++i) {
        const drift::AppWorkspaceDrift &before = a.apps.at(i);
        const drift::AppWorkspaceDrift &after = b.apps.at(i);
        if (before.name != after.name || before.parent != after.parent
            || before.drift.resources.size() != after.drift.resources.size())
            return false;
        for (qsizetype j = 0; j < before.drift.resources.size(); ++j) {
            if (before.drift.resources.at(j).id != after.drift.resources.at(j).id)
                return false;
        }
    }
    return true;
}

namespace {

// What a group or app row shows besides its resources' verdicts, to tell which rows a new
// snapshot changes.
struct GroupShown
{
    drift::SyncStatus sync;
    drift::Health::Status health;
    QString healthMessage;
    int resources;
    int drifted;
    int unknown;
    QString problem;
    bool exact;

    static GroupShown of(const DriftTreeModel::Node &node)
    {
        return {node.sync,
                node.health.status,
                node.health.message,
                node.resources,
                node.drifted,
                node.unknown,
                node.app ? node.app->problem() : QString(),
                node.app && node.app->exact};
    }
    friend bool operator==(const GroupShown &, const GroupShown &) = default;
};

QDateTime lastChangeTime(const drift::AppWorkspaceDrift &app, const manifest::ResourceId &id)
{
    const auto found = app.lastChanges.constFind(id);
    return found == app.lastChanges.cend() ? QDateTime() : found->time;
}

} // namespace

void DriftTreeModel::update(std::shared_ptr<const drift::WorkspaceDrift> next)
{
    // The same resources in the same places (sameResources()): every row stays, and takes
    // its values from the new snapshot where it is. No tree is built and no row allocated on
    // the GUI thread for each of the comparisons a busy cluster asks for.
    std::vector<Node *> rows; // in pre-order: siblings in row order, parents first
    const std::function<void(Node *)> walk = [&](Node *node) {
        rows.push_back(node);
        for (const auto &child : node->children)
            walk(child.get());
    };
    for (const auto &root : m_roots)
        walk(root.get());
    std::vector<char> changed(rows.size(), 0);
    std::vector<std::pair<size_t, GroupShown>> groups; // their values before
    std::vector<Node *> apps;
    for (size_t i = 0; i < rows.size(); ++i) {
        Node *node = rows[i];
        const drift::AppWorkspaceDrift &app = next->apps.at(node->appIndex);
        const drift::AppWorkspaceDrift &ownerBefore = *node->owner;
        node->owner = &app;
        if (node->type != NodeType::Resource) {
            groups.emplace_back(i, GroupShown::of(*node));
            if (node->type == NodeType::App) {
                node->app = &app;
                apps.push_back(node);
            }
            continue;
        }
        const drift::ResourceDrift &before = *node->resource;
        const drift::ResourceDrift &resource = app.drift.resources.at(node->resourceIndex);
        bool differs = node->sync != resource.status
            || node->health.status != resource.health.status
            || node->health.message != resource.health.message;
        // Only a new live object has a new last write: an unchanged one (shared, so compared
        // by address) spares looking both up among 20,000. (An Unknown verdict may hold no
        // live object while there is one: those are looked up.)
        if (!differs
            && (resource.status == drift::SyncStatus::Unknown || !(before.live == resource.live)))
            differs = lastChangeTime(ownerBefore, resource.id) != lastChangeTime(app, resource.id);
        if (!differs && !(ownerBefore.dryRun.isEmpty() && app.dryRun.isEmpty()))
            differs = ownerBefore.dryRun.contains(resource.id) != app.dryRun.contains(resource.id);
        changed[i] = differs;
        node->resource = &resource;
        node->sync = resource.status;
        node->health = resource.health;
        node->unknown = resource.status == drift::SyncStatus::Unknown ? 1 : 0;
        node->drifted = resource.status == drift::SyncStatus::Synced ? 0 : 1 - node->unknown;
    }
    for (Node *app : apps)
        aggregate(app);
    for (const auto &[row, before] : groups)
        changed[row] = !(GroupShown::of(*rows[row]) == before);
    release(std::exchange(m_snapshot, std::move(next)));
    QList<const Node *> told;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (changed[i])
            told << rows[i];
    }
    emitChanged(told);
}

void DriftTreeModel::setFlat(bool flat)
{
    if (flat == m_flat)
        return;
    m_flat = flat;
    rebuild(m_snapshot);
}

void DriftTreeModel::rebuild(std::shared_ptr<const drift::WorkspaceDrift> next)
{
    // Build the new tree beside the old one, then swap it in keeping persistent indexes of
    // rows whose key still exists (selection and expansion survive live updates).
    std::vector<std::unique_ptr<Node>> roots;
    QHash<QString, const Node *> byKey;
    Node flatRoot; // in flat mode the resources' temporary parent
    QHash<QString, Node *> appNodes; // app-of-apps: where a child app's row goes
    for (const drift::AppWorkspaceDrift &app : next->apps) {
        auto root = std::make_unique<Node>();
        root->type = NodeType::App;
        root->name = app.name;
        root->key = app.name;
        root->app = &app;
        root->owner = &app;
        root->appIndex = int(&app - next->apps.constData());
        root->row = int(roots.size());
        QHash<QString, Node *> groups;
        for (const drift::ResourceDrift &resource : app.drift.resources) {
            const QString ns = resource.id.namespaceName;
            const QString kind = kindName(resource.id);
            const QString key = root->key + u'/' + ns + u'/' + kind + u'/' + resource.id.name;
            Node *leaf = nullptr;
            if (m_flat) {
                leaf = flatRoot.append(NodeType::Resource, resource.id.name, key);
            } else {
                Node *nsNode = root->group(NodeType::Namespace, ns, root->key + u'/' + ns, groups);
                Node *kindNode =
                    nsNode->group(NodeType::Kind, kind, nsNode->key + u'/' + kind, groups);
                // Resources are unique within an app (the engine matched them by identity).
                leaf = kindNode->append(NodeType::Resource, resource.id.name, key);
            }
            leaf->resource = &resource;
            leaf->owner = &app;
            leaf->appIndex = root->appIndex;
            leaf->resourceIndex = int(&resource - app.drift.resources.constData());
            leaf->sync = resource.status;
            leaf->health = resource.health;
            leaf->resources = 1;
            leaf->unknown = resource.status == drift::SyncStatus::Unknown ? 1 : 0;
            leaf->drifted = resource.status == drift::SyncStatus::Synced ? 0 : 1 - leaf->unknown;
        }
        if (!m_flat) {
            aggregate(root.get());
            // A child app's row goes under its parent's, after the parent's resources (the
            // snapshot lists parents first).
            Node *parent = app.parent.isEmpty() ? nullptr : appNodes.value(app.parent);
            appNodes.insert(app.name, root.get());
            if (parent) {
                root->parent = parent;
                root->row = int(parent->children.size());
                parent->children.push_back(std::move(root));
            } else {
                root->row = int(roots.size());
                roots.push_back(std::move(root));
            }
        }
    }
    if (m_flat) {
        roots = std::move(flatRoot.children);
        for (const auto &node : roots)
            node->parent = nullptr;
    }
    // Most live updates change statuses, not the set of resources: then the rows stay as
    // they are, their values change in place, and views only repaint (no relayout).
    if (sameShape(m_roots, roots) && !m_roots.empty()) {
        QList<const Node *> changed;
        adoptValues(m_roots, roots, changed);
        m_snapshot = std::move(next);
        emitChanged(changed);
        return;
    }

    // Only a new shape needs the keys indexed again (the same shape keeps m_roots' nodes).
    const std::function<void(const Node *)> index = [&](const Node *node) {
        byKey.insert(node->key, node);
        for (const auto &child : node->children)
            index(child.get());
    };
    byKey.reserve(m_byKey.size());
    for (const auto &root : roots)
        index(root.get());

    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    QStringList keys;
    keys.reserve(before.size());
    for (const QModelIndex &old : before)
        keys << nodeOf(old)->key;
    // The new nodes point into *next, which m_snapshot now keeps alive.
    m_roots = std::move(roots);
    m_snapshot = std::move(next);
    m_byKey = std::move(byKey);
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i) {
        const Node *node = m_byKey.value(keys.at(i));
        after << (node ? createIndex(node->row, before.at(i).column(), node) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
}

void DriftTreeModel::release(std::shared_ptr<const drift::WorkspaceDrift> old)
{
    // Where this was the last reference, freeing 20,000 verdicts (each a few JSON trees)
    // would keep the GUI thread for tens of milliseconds after each comparison: the thread
    // pool frees them instead. Their data is immutable and its counts atomic, so the values
    // the new snapshot shares with the old one may be let go from any thread.
    if (old.use_count() == 1)
        QThreadPool::globalInstance()->start([old = std::move(old)]() mutable { old.reset(); });
}

void DriftTreeModel::emitChanged(const QList<const Node *> &changed)
{
    // One signal per run of neighbouring rows: when the cluster's first list arrives every
    // row changes at once, and proxies and views handle a few ranges faster than 10,000
    // single rows. (changed lists siblings in row order, parents before children.)
    for (qsizetype i = 0; i < changed.size();) {
        const Node *first = changed.at(i);
        const Node *last = first;
        qsizetype j = i + 1;
        while (j < changed.size() && changed.at(j)->parent == first->parent
               && changed.at(j)->row == last->row + 1)
            last = changed.at(j++);
        Q_EMIT dataChanged(createIndex(first->row, 0, first),
                           createIndex(last->row, ColumnCount - 1, last));
        i = j;
    }
}

namespace {

// The newest write to a resource's live object; groups have none.
drift::FieldWriter lastChangeOf(const DriftTreeModel::Node *node)
{
    if (!node->owner || !node->resource)
        return {};
    return node->owner->lastChanges.value(node->resource->id);
}

} // namespace

const DriftTreeModel::Node *DriftTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<const Node *>(index.internalPointer()) : nullptr;
}

QString DriftTreeModel::kindName(const manifest::ResourceId &id)
{
    return id.group.isEmpty() ? id.kind : id.kind + u'.' + id.group;
}

const drift::ResourceDrift *DriftTreeModel::resource(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node ? node->resource : nullptr;
}

const drift::AppWorkspaceDrift *DriftTreeModel::app(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    return node && node->type == NodeType::App ? node->app : nullptr;
}

QModelIndex DriftTreeModel::indexForKey(const QString &key) const
{
    const Node *node = m_byKey.value(key);
    return node ? createIndex(node->row, 0, node) : QModelIndex();
}

QModelIndex DriftTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const Node *parentNode = nodeOf(parent);
    const auto &children = parentNode ? parentNode->children : m_roots;
    if (row >= int(children.size()))
        return {};
    return createIndex(row, column, children[size_t(row)].get());
}

QModelIndex DriftTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || !node->parent)
        return {};
    return createIndex(node->parent->row, 0, node->parent);
}

int DriftTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = nodeOf(parent);
    return int(node ? node->children.size() : m_roots.size());
}

int DriftTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

namespace {

// "Synced/Healthy" (Argo CD), "Ready" (Flux): the controller's verdict on an app row, or on
// a resource row the one its status lists for that resource; nothing where it says none.
QVariant controllerVerdictOf(const DriftTreeModel::Node *node)
{
    const auto verdict = [](const QString &sync, const QString &health) {
        if (sync.isEmpty())
            return QVariant();
        return QVariant(health.isEmpty() ? sync : sync + u'/' + health);
    };
    if (node->app && node->app->controller.isKnown())
        return verdict(node->app->controller.sync, node->app->controller.health);
    if (node->resource && node->owner) {
        const auto found = node->owner->controller.resources.constFind(node->resource->id);
        if (found != node->owner->controller.resources.cend())
            return verdict(found->sync, found->health);
    }
    return {};
}

} // namespace

QVariant DriftTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn:
            return node->name;
        case KindColumn:
            return node->resource ? node->resource->id.kind : QVariant();
        case NamespaceColumn:
            return node->resource ? node->resource->id.namespaceName : QVariant();
        case AppColumn:
            return node->owner && node->resource ? node->owner->name : QVariant();
        case ControllerColumn:
            return controllerVerdictOf(node);
        case LastChangeColumn: {
            const drift::FieldWriter change = lastChangeOf(node);
            return change.time.isValid() ? QVariant(change.time) : QVariant();
        }
        case SyncColumn:
            return drift::syncStatusName(node->sync);
        case HealthColumn:
            return drift::Health::name(node->health.status);
        case ColumnCount:
            break;
        }
        return {};
    case ControllerDisagreementRole:
        if (node->app)
            return node->app->controller.disagreement(node->app->drift);
        if (node->resource && node->owner)
            return node->owner->controller.disagreement(*node->resource);
        return QString();
    case ControllerMessageRole:
        return node->app ? node->app->controller.message : QString();
    case PendingChangeRole:
        return node->resource && m_pendingResources.contains(node->resource->id) ? m_pendingTitle
                                                                                 : QString();
    case NodeTypeRole:
        return QVariant::fromValue(node->type);
    case SyncRole:
        return int(node->sync);
    case HealthRole:
        return int(node->health.status);
    case ResourceCountRole:
        return node->resources;
    case DriftedCountRole:
        return node->drifted;
    case UnknownCountRole:
        return node->unknown;
    case ErrorRole:
        if (node->app)
            return node->app->problem();
        return node->resource ? node->resource->reason : QString();
    case KeyRole:
        return node->key;
    case AppNameRole:
        return node->owner ? node->owner->name : QString();
    case SourceRole:
        return node->owner && node->resource
            ? node->owner->sources.value(node->resource->id).toString()
            : QString();
    case NamespaceFromRole: {
        if (!node->owner || !node->resource)
            return {};
        const auto from = node->owner->inferredNamespaces.constFind(node->resource->id);
        return from == node->owner->inferredNamespaces.cend() ? QVariant() : QVariant(int(*from));
    }
    case LastChangeRole:
        return QVariant::fromValue(lastChangeOf(node));
    case ExactRole:
        return node->app
            ? node->app->exact
            : node->owner && node->resource && node->owner->dryRun.contains(node->resource->id);
    case LabelsRole: {
        if (!node->resource)
            return {};
        const QJsonObject &object =
            node->resource->desired.isEmpty() ? node->resource->live : node->resource->desired;
        QStringList labels;
        const QJsonObject map = object.value(u"metadata").toObject().value(u"labels").toObject();
        for (auto it = map.begin(); it != map.end(); ++it)
            labels << it.key() + u'=' + it.value().toString();
        return labels;
    }
    default:
        return {};
    }
}

void DriftTreeModel::setPendingChange(const QList<manifest::ResourceId> &resources,
                                      const QString &title)
{
    const QSet<manifest::ResourceId> next(resources.cbegin(), resources.cend());
    const QString nextTitle = next.isEmpty() ? QString() : title;
    if (next == m_pendingResources && nextTitle == m_pendingTitle)
        return;
    const bool titleChanged = nextTitle != m_pendingTitle;
    const QSet<manifest::ResourceId> before = m_pendingResources;
    m_pendingResources = next;
    m_pendingTitle = nextTitle;
    for (const Node *node : std::as_const(m_byKey)) {
        if (!node->resource)
            continue;
        const manifest::ResourceId &id = node->resource->id;
        const bool was = before.contains(id);
        const bool is = next.contains(id);
        if (was == is && !(is && titleChanged))
            continue;
        const QModelIndex first = createIndex(node->row, 0, node);
        Q_EMIT dataChanged(first, createIndex(node->row, ColumnCount - 1, node),
                           {PendingChangeRole, Qt::ToolTipRole, Qt::DecorationRole});
    }
}

QVariant DriftTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    // Raw column names; views/ translates them.
    switch (Column(section)) {
    case NameColumn:
        return QStringLiteral("Name");
    case KindColumn:
        return QStringLiteral("Kind");
    case NamespaceColumn:
        return QStringLiteral("Namespace");
    case AppColumn:
        return QStringLiteral("App");
    case ControllerColumn:
        return QStringLiteral("Controller");
    case LastChangeColumn:
        return QStringLiteral("Last change");
    case SyncColumn:
        return QStringLiteral("Sync");
    case HealthColumn:
        return QStringLiteral("Health");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> DriftTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(NodeTypeRole, "nodeType");
    names.insert(SyncRole, "sync");
    names.insert(HealthRole, "health");
    names.insert(ResourceCountRole, "resourceCount");
    names.insert(DriftedCountRole, "driftedCount");
    names.insert(UnknownCountRole, "unknownCount");
    names.insert(ErrorRole, "error");
    names.insert(KeyRole, "key");
    names.insert(AppNameRole, "appName");
    names.insert(LabelsRole, "labels");
    names.insert(SourceRole, "source");
    names.insert(LastChangeRole, "lastChange");
    names.insert(ExactRole, "exact");
    names.insert(NamespaceFromRole, "namespaceFrom");
    names.insert(PendingChangeRole, "pendingChange");
    return names;
}

} // namespace gitops
