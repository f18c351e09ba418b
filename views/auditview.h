#pragma once

#include "audit/auditgathering.h"
#include "history/appstatereader.h"
#include "itemmodels/auditeventmodel.h"
#include "manifest/resourceid.h"

#include <QWidget>

#include <vector>

#include <memory>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTimer;
class QToolButton;
class QTreeView;

namespace gitops {

class AuditFilterModel;
class CommitDetailPane;
class WorkspaceDocument;

namespace kube {
class KubeClient;
class ResourceWatch;
struct LiveChangeSet;
} // namespace kube

/// The audit view of one app: who changed its resources, when, through which path and
/// whether it was reviewed, as a table (newest first) with filters (time range, actor,
/// source, resource kind, reviewed, text, one resource and field), the selected event's
/// evidence below, and CSV/JSON export of the rows shown. The log is built as the CLI's
/// `audit` builds it: the cluster's Events and app definitions read asynchronously, git
/// and the audit log file on the document's repository worker, the forge asked which
/// commits were reviewed, the join on the thread pool; progress shows meanwhile. A window
/// of its own, owned by the main window. GUI thread.
class AuditView : public QWidget
{
    Q_OBJECT

public:
    enum class Format { Csv, Json };

    explicit AuditView(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~AuditView() override;

    /// Builds the log of @p app from the document's current comparison, with the writes
    /// of the Kubernetes audit log @p auditLogFile ("" for none).
    void open(const QString &app, const QString &auditLogFile = {});
    QString app() const { return m_app; }
    QString auditLogFile() const { return m_auditLogFile; }
    /// Keeps only @p resource's events (and the app's own), those touching @p field when it
    /// is not empty, and selects the newest by @p writer (a field manager) once built.
    void showResource(const manifest::ResourceId &resource, const QString &field = {},
                      const QString &writer = {});
    /// Writes the rows shown to @p path; the error in words, or "". The file is replaced
    /// only once everything is written.
    QString exportTo(const QString &path, Format format) const;
    bool isBuilding() const;
    /// The cluster's Events are watched while the view is open: a new Event of the app's
    /// objects joins the table without reading everything again. How many watches run.
    int eventWatchCount() const { return int(m_eventWatches.size()); }

    AuditEventModel *model() const { return m_model; }
    AuditFilterModel *filter() const { return m_filter; }
    QTreeView *table() const { return m_table; }
    QTextBrowser *evidence() const { return m_evidence; }
    /// A commit event's diff (its app's files and rendered resources), beside the evidence;
    /// hidden unless a commit is selected.
    CommitDetailPane *commitDiff() const { return m_commitDiff; }
    /// The commit whose diff commitDiff() shows once read ("" while reading or none).
    QString commitDiffShown() const { return m_diffShown; }
    QLineEdit *textFilter() const { return m_text; }
    QComboBox *actorFilter() const { return m_actor; }
    QComboBox *sourceFilter() const { return m_source; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *reviewedFilter() const { return m_reviewed; }
    QCheckBox *sinceToggle() const { return m_sinceOn; }
    QDateTimeEdit *sinceEdit() const { return m_since; }
    QCheckBox *untilToggle() const { return m_untilOn; }
    QDateTimeEdit *untilEdit() const { return m_until; }
    QLabel *notes() const { return m_notes; }
    QLabel *countLabel() const { return m_count; }

Q_SIGNALS:
    /// The log is built and shown (also when it could not be: notes say why).
    void built();
    /// commitDiff() shows the diff of @p commit (or why it could not be read).
    void commitDiffReady(const QString &commit);
    /// A watched Event changed and the table shows the log joined again with it.
    void eventsUpdated();

private:
    void createFilterBar();
    void clusterRead(const audit::ClusterAuditSources &sources);
    void gathered(const audit::AuditGathering &gathering);
    void reviewed(const QHash<QString, QList<forge::PullRequest>> &pulls, const QString &note);
    void showTable(const AuditTable &table);
    void watchEvents(const audit::ClusterAuditSources &sources);
    void eventsChanged(const kube::LiveChangeSet &changes);
    void ownedChanged(const kube::LiveChangeSet &changes);
    void snapshotChanged();
    void scheduleRejoin();
    void rejoinEvents();
    void failed(const QString &message);
    void setBusy(const QString &message);
    void fillChoices();
    void applyFilters();
    void updateCount();
    void showEvidence();
    void showCommitDiff(const audit::AuditEvent &event);
    void chooseExport(Format format);
    void chooseAuditLogFile();

    WorkspaceDocument *m_document;
    QString m_app;
    QString m_auditLogFile;
    int m_generation = 0;
    audit::AuditScope m_scope;
    audit::AuditGathering m_gathering;
    std::unique_ptr<kube::KubeClient> m_client;
    std::unique_ptr<audit::ClusterAuditReader> m_reader;
    std::unique_ptr<audit::CommitReviewLookup> m_reviews;
    QHash<QString, QList<forge::PullRequest>> m_pulls; ///< the forge's answers, for re-joins
    QString m_forgeNote;
    audit::CommitVerifications m_verifications; ///< what the forge says of signed commits
    /// The Events of the scope's namespaces as last seen, by "namespace/name".
    QHash<QString, QJsonObject> m_kubeEvents;
    /// The ReplicaSets of those namespaces as last seen (deleted ones kept: their Events
    /// stay the app's), by uid: a rollout's new ReplicaSet ties its Events to the app.
    QHash<QString, QJsonObject> m_ownedObjects;
    /// The app's live objects as the session last compared them, by app, and their uids: an
    /// object created while the view is open ties its Events (and what it owns) to the app.
    QHash<QString, QList<QJsonObject>> m_liveObjects;
    QSet<QString> m_liveUids;
    std::vector<std::unique_ptr<kube::ResourceWatch>> m_eventWatches;
    QTimer *m_rejoinTimer;
    bool m_rejoining = false;
    bool m_rejoinAgain = false;
    bool m_eventsPending = false; ///< Events changed while the log was being built
    manifest::ResourceId m_resource;
    QString m_field;
    QString m_writer;

    AuditEventModel *m_model;
    AuditFilterModel *m_filter;
    QAbstractItemModel *m_presentation;
    QLabel *m_title;
    QCheckBox *m_sinceOn;
    QDateTimeEdit *m_since;
    QCheckBox *m_untilOn;
    QDateTimeEdit *m_until;
    QComboBox *m_actor;
    QComboBox *m_source;
    QComboBox *m_kind;
    QComboBox *m_reviewed;
    QLineEdit *m_text;
    QToolButton *m_resourceChip;
    QTreeView *m_table;
    QTextBrowser *m_evidence;
    CommitDetailPane *m_commitDiff;
    QString m_diffAsked; ///< the commit whose diff is being read or shown
    QString m_diffShown;
    App m_historyApp;
    /// Caches the app's rendered states between commits; used on the repository worker only.
    std::shared_ptr<std::unique_ptr<history::AppStateReader>> m_stateReader;
    QLabel *m_count;
    QLabel *m_notes;
    QLabel *m_progressLabel;
    QProgressBar *m_progress;
    QPushButton *m_exportCsv;
    QPushButton *m_exportJson;
    QPushButton *m_fileButton;
    QPushButton *m_refresh;
};

} // namespace gitops
