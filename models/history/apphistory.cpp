#include "apphistory.h"

#include "git/libgit2.h"

#include "manifest/manifestparser.h"
#include "manifest/yamldocument.h"
#include "workspace/appdiscovery.h"
#include "workspace/workspacefile.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <optional>

namespace gitops::history {

namespace {

struct Input
{
    enum class Kind {
        Folder, ///< any change to its tree counts
        PlainFolder, ///< a non-recursive plain folder: only its own manifest files count
        Path, ///< a file or folder a kustomization reaches
        Kustomization, ///< where a kustomization file is or could be: re-read when it changes
        Definition, ///< the file that defines the app
    };
    QString path;
    Kind kind = Kind::Path;
    bool top = false; ///< one of the app's own folders
    /// Kustomization: the input that holds it; while that one's id stays, so does its own.
    qsizetype folder = -1;
};

using git::ObjectId;
using Ids = QList<ObjectId>;
using TreePath = git::Repository::TreePath;

struct Inputs
{
    QList<Input> list;
    /// The tree paths of the inputs that are not Kustomization, in their order: looked up at
    /// every commit of a walk (the others only where their folder changed).
    QList<TreePath> direct;

    void append(const Input &input)
    {
        list << input;
        if (input.kind != Input::Kind::Kustomization)
            direct << TreePath(input.path);
    }
    QStringList paths() const
    {
        QStringList result;
        for (const Input &input : list)
            result << input.path;
        return result;
    }
};

const char *const KustomizationNames[] = {"kustomization.yaml", "kustomization.yml",
                                          "Kustomization"};

QString folderOf(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

QString child(const QString &folder, const QString &name)
{
    return folder.isEmpty() ? name : folder + QLatin1Char('/') + name;
}

// "a/b/../c" -> "a/c"; nullopt when it leaves the repository.
std::optional<QString> normalised(const QString &path)
{
    QStringList parts;
    for (const QString &part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part == QLatin1String("."))
            continue;
        if (part != QLatin1String("..")) {
            parts << part;
            continue;
        }
        if (parts.isEmpty())
            return std::nullopt;
        parts.removeLast();
    }
    return parts.join(QLatin1Char('/'));
}

bool isRemote(const QString &entry)
{
    return entry.contains(QLatin1String("://")) || entry.startsWith(QLatin1String("git@"))
        || entry.startsWith(QLatin1String("github.com/")) || entry.contains(QLatin1String("?ref="));
}

bool isManifestFile(const QString &path)
{
    return path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))
        || path.endsWith(QLatin1String(".json"));
}

// The paths a kustomization names, relative to its folder: what kustomize reads.
QStringList kustomizationEntries(const QByteArray &bytes)
{
    QStringList entries;
    auto documents = manifest::parseYamlDocuments(bytes);
    if (!std::holds_alternative<QList<manifest::YamlDocument>>(documents))
        return entries; // the renderer says what is wrong; the folder's id still counts
    const auto addString = [&](const QJsonValue &value) {
        // An inline patch is text, not a path.
        if (value.isString() && !value.toString().contains(QLatin1Char('\n')))
            entries << value.toString();
    };
    for (const auto &document : std::get<QList<manifest::YamlDocument>>(documents)) {
        const QJsonObject object = document.value.toObject();
        for (const char *key : {"resources", "bases", "components", "crds", "patchesStrategicMerge",
                                "configurations", "generators", "transformers", "validators"}) {
            for (const QJsonValue &entry : object.value(QLatin1String(key)).toArray())
                addString(entry);
        }
        for (const char *key : {"patches", "patchesJson6902", "replacements"}) {
            for (const QJsonValue &entry : object.value(QLatin1String(key)).toArray())
                addString(entry.toObject().value(u"path"));
        }
        for (const char *key : {"configMapGenerator", "secretGenerator"}) {
            for (const QJsonValue &generator : object.value(QLatin1String(key)).toArray()) {
                const QJsonObject fields = generator.toObject();
                for (const QJsonValue &file : fields.value(u"files").toArray()) {
                    // "key=path" names the key the file's content goes under.
                    const QString text = file.toString();
                    addString(QJsonValue(text.mid(text.indexOf(QLatin1Char('=')) + 1)));
                }
                for (const QJsonValue &file : fields.value(u"envs").toArray())
                    addString(file);
                addString(fields.value(u"env"));
            }
        }
    }
    return entries;
}

// The inputs of an app whose folders are @p folders at @p commitId.
std::variant<Inputs, QString> expand(const git::Repository &repository, const QString &commitId,
                                     const QStringList &folders, bool recurse,
                                     const QString &definitionFile)
{
    Inputs inputs;
    QSet<QString> seen;
    QList<std::pair<QString, bool>> pending;
    for (const QString &folder : folders)
        pending.append({folder, true});
    while (!pending.isEmpty()) {
        const auto [path, top] = pending.takeFirst();
        if (seen.contains(path))
            continue;
        seen.insert(path);
        QStringList candidates;
        for (const char *name : KustomizationNames)
            candidates << child(path, QLatin1String(name));
        auto ids = repository.entryIds(commitId, candidates);
        if (auto *message = std::get_if<QString>(&ids))
            return *message;
        const QStringList &found = std::get<QStringList>(ids);
        qsizetype kustomization = -1;
        for (qsizetype i = 0; i < found.size() && kustomization < 0; ++i) {
            if (!found.at(i).isEmpty())
                kustomization = i;
        }
        Input input{path, Input::Kind::Path, top};
        if (top)
            input.kind =
                kustomization < 0 && !recurse ? Input::Kind::PlainFolder : Input::Kind::Folder;
        inputs.append(input);
        const qsizetype folder = inputs.list.size() - 1;
        for (const QString &candidate : std::as_const(candidates))
            inputs.append(Input{candidate, Input::Kind::Kustomization, false, folder});
        if (kustomization < 0)
            continue;
        auto bytes = repository.read(
            git::TreeFile{candidates.at(kustomization), found.at(kustomization), {}, false});
        if (auto *message = std::get_if<QString>(&bytes))
            return *message;
        for (const QString &entry : kustomizationEntries(std::get<QByteArray>(bytes))) {
            if (isRemote(entry))
                continue; // another repository: its history is not this one's
            if (const auto target = normalised(child(path, entry)))
                pending.append({*target, false});
        }
    }
    if (!definitionFile.isEmpty())
        inputs.append(Input{definitionFile, Input::Kind::Definition, false});
    return inputs;
}

std::variant<QMap<QString, QString>, QString>
ownManifests(const git::Repository &repository, const QString &commitId, const QString &folder)
{
    git::Revision revision;
    revision.spec = commitId;
    revision.commitId = commitId;
    auto files = repository.files(revision, folder);
    if (auto *message = std::get_if<QString>(&files))
        return *message;
    QMap<QString, QString> result;
    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(files)) {
        if (folderOf(file.path) == folder && isManifestFile(file.path))
            result.insert(file.path, file.blobId);
    }
    return result;
}

// The app as the definition file (blob @p blobId) defines it, if it still does.
std::optional<App> definitionIn(const git::Repository &repository, const QString &file,
                                const QString &blobId, const App &app)
{
    if (blobId.isEmpty())
        return std::nullopt;
    auto bytes = repository.read(git::TreeFile{file, blobId, {}, false});
    if (!std::holds_alternative<QByteArray>(bytes))
        return std::nullopt;
    QList<App> apps;
    if (file == workspaceFileName()) {
        auto parsed = parseWorkspaceFile(std::get<QByteArray>(bytes));
        if (auto *list = std::get_if<QList<App>>(&parsed))
            apps = *list;
    } else {
        const QMap<QString, manifest::ParsedManifests> parsed = {
            {file, manifest::parseManifests(std::get<QByteArray>(bytes), file)}};
        apps = discoverApps(std::nullopt, parsed, {}, {file}, repository.remoteUrls()).apps;
    }
    for (const App &candidate : std::as_const(apps)) {
        if (candidate.name == app.name && candidate.source == app.source)
            return candidate;
    }
    return std::nullopt;
}

// What of a definition changes what the app renders or where it goes. (Ignore rules only
// change how it is compared.)
bool sameDefinition(const std::optional<App> &a, const std::optional<App> &b)
{
    if (!a || !b)
        return a.has_value() == b.has_value();
    return a->paths == b->paths && a->recurse == b->recurse
        && a->destinationNamespace == b->destinationNamespace
        && a->destinationContext == b->destinationContext && a->targetRevision == b->targetRevision
        && a->ignoredFiles == b->ignoredFiles && a->tracking == b->tracking
        && a->trackingLabel == b->trackingLabel;
}

// Where @p folder of @p commitId came from in @p parentId, which lacks it: the folder that
// held most of its files (same relative path and blob id) and is gone in @p commitId.
std::optional<QString> renameSource(const git::Repository &repository, const QString &commitId,
                                    const QString &parentId, const QString &folder, QString *error)
{
    git::Revision commit;
    commit.commitId = commitId;
    git::Revision parent;
    parent.commitId = parentId;
    auto now = repository.files(commit, folder);
    if (auto *message = std::get_if<QString>(&now)) {
        *error = *message;
        return std::nullopt;
    }
    auto before = repository.files(parent);
    if (auto *message = std::get_if<QString>(&before)) {
        *error = *message;
        return std::nullopt;
    }
    const QList<git::TreeFile> &files = std::get<QList<git::TreeFile>>(now);
    QMultiHash<QString, QString> pathsByBlob;
    for (const git::TreeFile &file : std::get<QList<git::TreeFile>>(before))
        pathsByBlob.insert(file.blobId, file.path);
    QHash<QString, int> votes;
    const qsizetype prefix = folder.isEmpty() ? 0 : folder.size() + 1;
    for (const git::TreeFile &file : files) {
        const QString relative = file.path.mid(prefix);
        for (auto it = pathsByBlob.constFind(file.blobId);
             it != pathsByBlob.cend() && it.key() == file.blobId; ++it) {
            if (it.value().endsWith(QLatin1Char('/') + relative))
                ++votes[it.value().chopped(relative.size() + 1)];
        }
    }
    QString best;
    int bestVotes = 0;
    for (auto it = votes.cbegin(); it != votes.cend(); ++it) {
        if (it.value() > bestVotes || (it.value() == bestVotes && it.key() < best)) {
            best = it.key();
            bestVotes = it.value();
        }
    }
    if (2 * bestVotes <= files.size())
        return std::nullopt; // new, not moved
    auto stillThere = repository.entryIds(commitId, {best});
    if (auto *message = std::get_if<QString>(&stillThere)) {
        *error = *message;
        return std::nullopt;
    }
    if (!std::get<QStringList>(stillThere).constFirst().isEmpty())
        return std::nullopt; // a copy: the old folder is another app's now
    return best;
}

// Reads the git ids of an app's inputs at the commits of a walk, keeping its buffers from one
// commit to the next.
class InputIds
{
public:
    // The ids of @p inputs in tree @p tree into @p ids. A kustomization file can only have
    // changed where the folder holding it did: while that one's id is as in @p reference (the
    // ids at a neighbouring commit; empty: none), the file's is taken from there, which saves
    // most look-ups of a walk. False with @p error when a tree cannot be read.
    bool read(const git::Repository &repository, const ObjectId &tree, const Inputs &inputs,
              const Ids &reference, Ids *ids, QString *error)
    {
        if (!repository.entryIds(tree, inputs.direct, &m_direct, error))
            return false;
        const bool haveReference = reference.size() == inputs.list.size();
        ids->resize(inputs.list.size());
        m_second.clear();
        qsizetype next = 0;
        for (qsizetype i = 0; i < inputs.list.size(); ++i) {
            const Input &input = inputs.list.at(i);
            if (input.kind != Input::Kind::Kustomization)
                (*ids)[i] = m_direct.at(next++);
            else if (haveReference && input.folder >= 0
                     && ids->at(input.folder) == reference.at(input.folder))
                (*ids)[i] = reference.at(i);
            else
                m_second << i;
        }
        if (m_second.isEmpty())
            return true;
        m_secondPaths.clear();
        for (qsizetype i : std::as_const(m_second))
            m_secondPaths << TreePath(inputs.list.at(i).path);
        if (!repository.entryIds(tree, m_secondPaths, &m_direct, error))
            return false;
        for (qsizetype j = 0; j < m_second.size(); ++j)
            (*ids)[m_second.at(j)] = m_direct.at(j);
        return true;
    }

private:
    Ids m_direct;
    QList<qsizetype> m_second;
    QList<TreePath> m_secondPaths;
};

HistoryEntry entryOf(const git::CommitInfo &info)
{
    HistoryEntry entry;
    entry.id = info.id;
    entry.subject = info.summary;
    entry.authorName = info.authorName;
    entry.authorEmail = info.authorEmail;
    entry.authorTime = info.authorTime;
    entry.commitTime = info.commitTime;
    entry.parentIds = info.parentIds;
    entry.mergedParentCount = int(std::max<qsizetype>(0, info.parentIds.size() - 1));
    return entry;
}

// Whether @p inputs, whose ids are @p now at @p commitId and @p before at its first parent
// @p parentId ("" for a root commit, whose parent ids are all empty), differ in what @p app
// renders: the change test of the first-parent walk, without following renames.
std::variant<bool, QString> inputsChanged(const git::Repository &repository, const App &app,
                                          const Inputs &inputs, const QString &commitId,
                                          const Ids &now, const QString &parentId,
                                          const Ids &before)
{
    for (qsizetype i = 0; i < inputs.list.size(); ++i) {
        if (now.at(i) == before.at(i))
            continue;
        const Input &input = inputs.list.at(i);
        switch (input.kind) {
        case Input::Kind::Folder:
        case Input::Kind::Path:
        case Input::Kind::Kustomization:
            return true;
        case Input::Kind::PlainFolder: {
            if (parentId.isEmpty())
                return true;
            auto mine = ownManifests(repository, commitId, input.path);
            if (auto *message = std::get_if<QString>(&mine))
                return *message;
            auto theirs = ownManifests(repository, parentId, input.path);
            if (auto *message = std::get_if<QString>(&theirs))
                return *message;
            if (std::get<QMap<QString, QString>>(mine) != std::get<QMap<QString, QString>>(theirs))
                return true;
            break;
        }
        case Input::Kind::Definition:
            if (!sameDefinition(definitionIn(repository, input.path, now.at(i).toHex(), app),
                                definitionIn(repository, input.path, before.at(i).toHex(), app)))
                return true;
            break;
        }
    }
    return false;
}

// At most this many merged commits are listed under one merge: a long-lived branch merged
// late would otherwise read its whole history for one row.
constexpr int MaxMergedCommits = 500;

// The commits @p merge brought into the first-parent line that change the app, whose
// inputs at the merge are @p inputs: those reachable from its second and later parents and
// not from its first, newest first (topological), each compared with its own first parent.
std::variant<QList<HistoryEntry>, QString> mergedCommits(const git::Repository &repository,
                                                         const App &app, const Inputs &inputs,
                                                         const HistoryEntry &merge,
                                                         const git::JobControl &control)
{
    QList<HistoryEntry> result;
    if (merge.parentIds.size() < 2)
        return result;
    git_revwalk *rawWalk = nullptr;
    int rc = git_revwalk_new(&rawWalk, repository.handle());
    if (rc < 0)
        return QStringLiteral("merged commits of %1: %2")
            .arg(merge.id.left(8), git::lastErrorMessage(rc));
    const git::RevwalkHandle walk(rawWalk);
    rc = git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    for (qsizetype i = 0; i < merge.parentIds.size() && rc >= 0; ++i) {
        git_oid oid;
        if (!git::oidFromString(&oid, merge.parentIds.at(i)))
            return QStringLiteral("\u201c%1\u201d is not a commit id").arg(merge.parentIds.at(i));
        rc = i == 0 ? git_revwalk_hide(walk.get(), &oid) : git_revwalk_push(walk.get(), &oid);
    }
    if (rc < 0)
        return QStringLiteral("merged commits of %1: %2")
            .arg(merge.id.left(8), git::lastErrorMessage(rc));
    InputIds reader;
    Ids now;
    Ids before;
    git_oid oid;
    while (result.size() < MaxMergedCommits && (rc = git_revwalk_next(&oid, walk.get())) == 0) {
        if (control.stopRequested())
            break; // what was found so far; the merge row itself is right either way
        const ObjectId commit = git::fromOid(oid);
        auto header = repository.commitHeader(commit);
        if (auto *message = std::get_if<QString>(&header))
            return *message;
        const auto &[tree, parents] = std::get<git::Repository::CommitHeader>(header);
        QString error;
        if (!reader.read(repository, tree, inputs, {}, &now, &error))
            return QStringLiteral("%1 at %2").arg(error, commit.toHex());
        before.fill(ObjectId(), inputs.list.size());
        if (!parents.isEmpty()) {
            auto parentHeader = repository.commitHeader(parents.front());
            if (auto *message = std::get_if<QString>(&parentHeader))
                return *message;
            if (!reader.read(repository, std::get<git::Repository::CommitHeader>(parentHeader).tree,
                             inputs, now, &before, &error))
                return QStringLiteral("%1 at %2").arg(error, parents.front().toHex());
        }
        const QString id = commit.toHex();
        const QString parentId = parents.isEmpty() ? QString() : parents.front().toHex();
        const auto changed = inputsChanged(repository, app, inputs, id, now, parentId, before);
        if (auto *message = std::get_if<QString>(&changed))
            return *message;
        if (!std::get<bool>(changed))
            continue;
        auto info = repository.commit(id);
        if (auto *message = std::get_if<QString>(&info))
            return *message;
        result << entryOf(std::get<git::CommitInfo>(info));
    }
    if (rc < 0 && rc != GIT_ITEROVER)
        return QStringLiteral("merged commits of %1: %2")
            .arg(merge.id.left(8), git::lastErrorMessage(rc));
    return result;
}

} // namespace

AppHistory::AppHistory(App app)
    : m_app(std::move(app))
{ }

std::variant<HistoryPage, QString> AppHistory::page(const git::Repository &repository,
                                                    const HistoryCursor &from, int count,
                                                    const git::JobControl &control) const
{
    HistoryPage page;
    if (from.atEnd())
        return page;
    const auto start = repository.resolve(from.commit);
    if (auto *message = std::get_if<QString>(&start))
        return *message;
    const QString startId = std::get<git::Revision>(start).commitId;
    if (startId.isEmpty())
        return page; // unborn: no history yet
    QStringList paths = from.paths.isEmpty() ? m_app.paths : from.paths;
    // Apps the cluster defines name no file of the repository ("Application argocd/x in
    // the cluster"); a definition that is not a path at the start is not followed.
    QString definitionFile;
    if (m_app.source != App::Source::Folder) {
        const QString file = m_app.definedAt.section(QLatin1Char(':'), 0, -2);
        auto ids = repository.entryIds(startId, {file});
        if (auto *message = std::get_if<QString>(&ids))
            return *message;
        if (!file.isEmpty() && !std::get<QStringList>(ids).constFirst().isEmpty())
            definitionFile = file;
    }

    auto expanded = expand(repository, startId, paths, m_app.recurse, definitionFile);
    if (auto *message = std::get_if<QString>(&expanded))
        return *message;
    Inputs inputs = std::get<Inputs>(std::move(expanded));

    // The walk goes down the first-parent line one commit at a time, comparing the inputs'
    // ids at `current` with those at its first parent.
    using Header = git::Repository::CommitHeader;
    const std::optional<ObjectId> startObject = ObjectId::fromHex(startId);
    if (!startObject)
        return QStringLiteral("\u201c%1\u201d is not a commit id").arg(startId);
    ObjectId current = *startObject;
    auto currentHeaderOr = repository.commitHeader(current);
    if (auto *message = std::get_if<QString>(&currentHeaderOr))
        return *message;
    Header currentHeader = std::get<Header>(std::move(currentHeaderOr));
    InputIds reader;
    Ids currentIds;
    Ids parentIds;
    QString readError;
    if (!reader.read(repository, currentHeader.tree, inputs, {}, &currentIds, &readError))
        return QStringLiteral("%1 at %2").arg(readError, startId);

    const auto entryAt = [&repository](const ObjectId &id) -> std::variant<HistoryEntry, QString> {
        auto info = repository.commit(id.toHex());
        if (auto *message = std::get_if<QString>(&info))
            return *message;
        return entryOf(std::get<git::CommitInfo>(info));
    };
    while (page.commits.size() < count) {
        if (control.stopRequested()) {
            page.stopped = true;
            page.next = HistoryCursor{current.toHex(), paths};
            return page;
        }
        if (currentHeader.parents.isEmpty()) {
            // The root commit brought whatever of the app exists in it.
            if (std::any_of(currentIds.cbegin(), currentIds.cend(),
                            [](const ObjectId &id) { return !id.isNull(); })) {
                auto root = entryAt(current);
                if (auto *message = std::get_if<QString>(&root))
                    return *message;
                page.commits << std::get<HistoryEntry>(root);
            }
            page.next = {};
            return page;
        }
        const ObjectId parent = currentHeader.parents.front();
        auto parentHeaderOr = repository.commitHeader(parent);
        if (auto *message = std::get_if<QString>(&parentHeaderOr))
            return *message;
        Header parentHeader = std::get<Header>(std::move(parentHeaderOr));
        if (!reader.read(repository, parentHeader.tree, inputs, currentIds, &parentIds, &readError))
            return QStringLiteral("%1 at %2").arg(readError, parent.toHex());

        bool changed = false;
        bool reexpand = false;
        QStringList parentPaths = paths;
        for (qsizetype i = 0; i < inputs.list.size(); ++i) {
            if (currentIds.at(i) == parentIds.at(i))
                continue;
            const Input &input = inputs.list.at(i);
            switch (input.kind) {
            case Input::Kind::Folder:
            case Input::Kind::Path:
                changed = true;
                break;
            case Input::Kind::Kustomization:
                changed = true;
                reexpand = true;
                break;
            case Input::Kind::PlainFolder: {
                if (changed)
                    break;
                auto mine = ownManifests(repository, current.toHex(), input.path);
                if (auto *message = std::get_if<QString>(&mine))
                    return *message;
                auto theirs = ownManifests(repository, parent.toHex(), input.path);
                if (auto *message = std::get_if<QString>(&theirs))
                    return *message;
                changed = std::get<QMap<QString, QString>>(mine)
                    != std::get<QMap<QString, QString>>(theirs);
                break;
            }
            case Input::Kind::Definition: {
                const auto now =
                    definitionIn(repository, input.path, currentIds.at(i).toHex(), m_app);
                const auto before =
                    definitionIn(repository, input.path, parentIds.at(i).toHex(), m_app);
                if (!sameDefinition(now, before)) {
                    changed = true;
                    if (before && before->paths != paths) {
                        parentPaths = before->paths;
                        reexpand = true;
                    }
                }
                break;
            }
            }
        }

        // One of the app's folders is new here: moved from elsewhere, or the app's start.
        QStringList renamedFrom;
        if (parentPaths == paths) {
            for (qsizetype i = 0; i < inputs.list.size(); ++i) {
                const Input &input = inputs.list.at(i);
                if (!input.top || currentIds.at(i).isNull() || !parentIds.at(i).isNull())
                    continue;
                QString error;
                const auto moved =
                    renameSource(repository, current.toHex(), parent.toHex(), input.path, &error);
                if (!error.isEmpty())
                    return error;
                if (!moved)
                    continue;
                parentPaths.replace(parentPaths.indexOf(input.path), *moved);
                reexpand = true;
            }
            if (reexpand && parentPaths != paths)
                renamedFrom = parentPaths;
        } else {
            renamedFrom = parentPaths;
        }
        if (changed) {
            auto entry = entryAt(current);
            if (auto *message = std::get_if<QString>(&entry))
                return *message;
            std::get<HistoryEntry>(entry).renamedFrom = renamedFrom;
            page.commits << std::get<HistoryEntry>(entry);
            if (m_mergedCommits && std::get<HistoryEntry>(entry).mergedParentCount > 0) {
                auto merged = mergedCommits(repository, m_app, inputs,
                                            std::get<HistoryEntry>(entry), control);
                if (auto *message = std::get_if<QString>(&merged))
                    return *message;
                if (!std::get<QList<HistoryEntry>>(merged).isEmpty())
                    page.merged.insert(std::get<HistoryEntry>(entry).id,
                                       std::get<QList<HistoryEntry>>(std::move(merged)));
            }
        }

        if (reexpand) {
            expanded =
                expand(repository, parent.toHex(), parentPaths, m_app.recurse, definitionFile);
            if (auto *message = std::get_if<QString>(&expanded))
                return *message;
            inputs = std::get<Inputs>(std::move(expanded));
            if (!reader.read(repository, parentHeader.tree, inputs, {}, &parentIds, &readError))
                return QStringLiteral("%1 at %2").arg(readError, parent.toHex());
        }
        // Before its inputs existed the app has no history (a folder re-created later is
        // not looked for: the walk would read every older commit for nothing).
        bool anyInput = false;
        for (qsizetype i = 0; i < inputs.list.size() && !anyInput; ++i)
            anyInput =
                inputs.list.at(i).kind != Input::Kind::Definition && !parentIds.at(i).isNull();
        if (!anyInput) {
            page.next = {};
            return page;
        }
        current = parent;
        currentHeader = std::move(parentHeader);
        std::swap(currentIds, parentIds);
        paths = std::move(parentPaths);
        control.reportProgress(page.commits.size(), count, QString());
    }
    page.next = HistoryCursor{current.toHex(), paths};
    return page;
}

std::variant<QStringList, QString> AppHistory::inputPaths(const git::Repository &repository,
                                                          const QString &commitId,
                                                          const QStringList &paths) const
{
    auto expanded = expand(repository, commitId, paths.isEmpty() ? m_app.paths : paths,
                           m_app.recurse, QString());
    if (auto *message = std::get_if<QString>(&expanded))
        return *message;
    return std::get<Inputs>(expanded).paths();
}

} // namespace gitops::history
