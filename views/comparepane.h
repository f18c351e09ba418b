#pragma once

#include <QWidget>

namespace gitops {

class EmptyState;

/// The side-by-side area: desired state (git) on the left, live state (cluster) on the
/// right. Until a resource is selected it shows why it is empty.
class ComparePane : public QWidget
{
    Q_OBJECT

public:
    explicit ComparePane(QWidget *parent = nullptr);

    /// Explains why nothing is compared right now.
    void setEmptyReason(const QString &title, const QString &text);
    EmptyState *emptyState() const { return m_empty; }

private:
    EmptyState *m_empty;
};

} // namespace gitops
