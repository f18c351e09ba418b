#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace localforge {

/// One review of a pull request (GitHub's and Gitea's states: APPROVED, CHANGES_REQUESTED
/// / REQUEST_CHANGES, COMMENTED / COMMENT; GitLab shows only the approvals).
struct ReviewRecord
{
    qint64 id = 0;
    QString user;
    QString state; ///< "APPROVED", "CHANGES_REQUESTED" or "COMMENTED", flavor-neutral
    QDateTime submittedAt;
};

/// One pull (merge) request as the local forge keeps it, whatever the flavor.
struct PullRequestRecord
{
    enum class State { Open, Closed, Merged };

    qint64 id = 0; ///< unique across projects
    int number = 0; ///< per project (GitHub number, GitLab iid, Gitea index)
    QString project; ///< `owner/repo`, `group/sub/project`
    QString title;
    QString body;
    QString head;
    QString base;
    QString headSha;
    QString baseSha; ///< the base's tip when the pull request was opened
    bool draft = false;
    QStringList labels;
    QStringList reviewers; ///< logins
    State state = State::Open;
    QString mergeCommit;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime closedAt;
    QDateTime mergedAt;
    QString author = QStringLiteral("forge-user"); ///< who opened it
    QString mergedBy; ///< who merged it (POST /_forge/merge?user=)
    QList<ReviewRecord> reviews; ///< oldest first (POST /_forge/review)

    /// The flavor-neutral form of the admin endpoint and the state dump.
    QJsonObject toJson() const;
};

/// Every pull request of the forge, in memory, by project. Numbers count up per project,
/// ids across all.
class PullRequestStore
{
public:
    PullRequestRecord &add(PullRequestRecord record);
    PullRequestRecord *find(const QString &project, int number);
    /// Oldest first.
    QList<PullRequestRecord> forProject(const QString &project) const;
    /// The open one from @p head into @p base, if any.
    const PullRequestRecord *open(const QString &project, const QString &head,
                                  const QString &base) const;
    QJsonArray toJson() const;

    /// GitLab's numeric project ids: given on first use, stable for the forge's life.
    qint64 projectId(const QString &project);
    QString projectForId(qint64 id) const;
    /// The id projectId() gave, or 0 (for answers that must not assign one).
    qint64 projectIdIfKnown(const QString &project) const { return m_projectIds.value(project); }

private:
    QList<PullRequestRecord> m_records;
    QHash<QString, int> m_lastNumber;
    QHash<QString, qint64> m_projectIds;
    qint64 m_lastId = 0;
};

} // namespace localforge
