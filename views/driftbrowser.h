#pragma once

#include "drift/driftreport.h"
#include "drift/workspacedrift.h"

#include <QSet>
#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace gitops {

class DifferenceList;
class DriftFilterModel;
class DriftPresentationModel;
class DriftTreeModel;
class EmptyState;
class SideBySideDiffView;

/// The drift browser: a filter bar, the resource tree (App -> Namespace -> Kind ->
/// Resource, or a flat list) with sync, health and last change, and for the selected resource the
/// side-by-side diff of desired and live, the list of differences with who last wrote each field,
/// and details (health, source file and line). setSnapshot() swaps in new verdicts keeping
/// selection, expansion and scroll position. GUI thread.
class DriftBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit DriftBrowser(QWidget *parent = nullptr);
    ~DriftBrowser() override;

    void setSnapshot(const drift::WorkspaceDrift &snapshot);
    /// Selects the resource whose tree key is @p key ("app/namespace/Kind.group/name").
    bool selectResource(const QString &key);
    void focusFilter();

    DriftTreeModel *model() const { return m_model; }
    DriftFilterModel *filter() const { return m_filter; }
    QTreeView *tree() const { return m_tree; }
    SideBySideDiffView *diffView() const { return m_diff; }
    DifferenceList *differences() const { return m_differences; }
    QComboBox *kindFilter() const { return m_kindFilter; }
    QLabel *details() const { return m_details; }
    /// Shown instead of the diff while no resource is selected.
    EmptyState *selectionHint() const { return m_hint; }
    /// The sentence above the diff ("Synced: the live object matches git. ...").
    QLabel *verdict() const { return m_verdict; }
    QComboBox *namespaceFilter() const { return m_namespaceFilter; }
    QString selectedKey() const;
    /// The selected resource's verdict and its app's name; null / "" on a group row.
    const drift::ResourceDrift *selectedResource() const;
    QString selectedApp() const;
    QSplitter *splitter() const { return m_splitter; }
    /// Shows @p edited (the resource as a pending edit defines it, compared with live) in
    /// place of git's verdict while @p key is selected; nullopt: git's again.
    void setPreview(const QString &key, const std::optional<drift::ResourceDrift> &edited);
    bool isPreviewing() const;

    /// Exact mode could not start for @p app (shown if it is the selected resource's app).
    void showExactFailure(const QString &app, const QString &message);
    QCheckBox *exactToggle() const { return m_exact; }
    /// Flat list, whole live object, exact mode: for the window's View menu.
    QList<QAction *> viewActions() const;
    void setFlat(bool flat);
    bool isFlat() const { return m_flatAction->isChecked(); }

Q_SIGNALS:
    /// The side-by-side view shows the resource with tree key @p key.
    void resourceShown(const QString &key);
    /// The user turned exact mode of @p app on or off, looking at resource @p first.
    void exactRequested(const QString &app, bool exact, const gitops::manifest::ResourceId &first);

private:
    void showSelected();
    void showResource(const drift::ResourceDrift &resource);
    void showTexts(const drift::ResourceDrift &resource, const QString &leftCaption,
                   const QString &rightCaption);
    const drift::AppWorkspaceDrift *appNamed(const QString &name) const;
    /// With no resource selected: the workspace's counts, or the selected group's.
    void showHint(const QModelIndex &source);
    void showGroupColumns(bool shown);
    /// Column widths that show every status word whole in the current language.
    void fitColumns();
    void openNewTopLevelRows();
    int cellWidth(const QString &text, bool icon) const;
    void updateStatusFilter();
    void updateChoices(const drift::WorkspaceDrift &snapshot);
    void revealDifference(const drift::Difference &difference);

    DriftTreeModel *m_model;
    DriftFilterModel *m_filter;
    DriftPresentationModel *m_presentation;
    QLineEdit *m_filterText;
    QComboBox *m_kindFilter;
    QComboBox *m_namespaceFilter;
    QList<QToolButton *> m_statusButtons;
    QTreeView *m_tree;
    QStackedWidget *m_diffPages; ///< the hint, or the verdict above the diff
    EmptyState *m_hint;
    QLabel *m_verdict;
    SideBySideDiffView *m_diff;
    QCheckBox *m_wholeLive;
    QCheckBox *m_exact;
    QAction *m_flatAction;
    QAction *m_wholeLiveAction;
    QAction *m_exactAction;
    QHash<int, QAction *> m_columnToggles;
    bool m_controllerColumnShown = false;
    /// Top-level rows opened once when they first appeared; a row the user folded since
    /// stays folded.
    QSet<QString> m_openedRows;
    QLabel *m_exactState;
    QTabWidget *m_tabs;
    DifferenceList *m_differences;
    QLabel *m_details;
    QSplitter *m_splitter;
    QString m_shownKey;
    QString m_shownLeft;
    QString m_shownRight;
    /// The lines of each field in the shown texts, by JSON pointer.
    drift::DriftReport::FieldLines m_leftFields;
    drift::DriftReport::FieldLines m_rightFields;
    /// Whose differences the list shows (another resource's start unselected).
    QString m_differencesKey;
    QString m_previewKey;
    std::optional<drift::ResourceDrift> m_preview;
};

} // namespace gitops
