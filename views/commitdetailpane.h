#pragma once

#include "history/commitdetail.h"

#include <QTabWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace gitops {

class SideBySideDiffView;

/// The selected commit of the timeline (issue 16, item 3): (a) what it changed in git, per
/// rendered resource side by side; (b) what rolling back to it would change in the cluster,
/// its desired state against live per resource in the same view; (c) its message and the
/// app's files it changed. Shows a history::CommitDetail; GUI thread.
class CommitDetailPane : public QTabWidget
{
    Q_OBJECT

public:
    explicit CommitDetailPane(QWidget *parent = nullptr);

    /// The commit @p shortId is being read: the tabs say so until setDetail().
    void setLoading(const QString &shortId);
    void setDetail(const history::CommitDetail &detail);
    void setFailed(const QString &message);

    QTreeWidget *changes() const { return m_changes; }
    SideBySideDiffView *changeDiff() const { return m_changeDiff; }
    QTreeWidget *rollback() const { return m_rollback; }
    SideBySideDiffView *rollbackDiff() const { return m_rollbackDiff; }
    QLabel *rollbackNote() const { return m_rollbackNote; }
    QPlainTextEdit *message() const { return m_message; }
    QTreeWidget *files() const { return m_files; }

private:
    void showChange(int index);
    void showRollback(int index);
    void clear(const QString &note);

    history::CommitDetail m_detail;
    QLabel *m_changeNote;
    QTreeWidget *m_changes;
    SideBySideDiffView *m_changeDiff;
    QLabel *m_rollbackNote;
    QTreeWidget *m_rollback;
    SideBySideDiffView *m_rollbackDiff;
    QPlainTextEdit *m_message;
    QTreeWidget *m_files;
};

} // namespace gitops
