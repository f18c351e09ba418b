#pragma once

#include <QString>

#include <functional>

namespace gitops::git {

/// What a RepositoryWorker job may ask and tell while it runs: whether to stop (its future
/// was cancelled, or the worker is closing) and how far it has come. Lives on the worker
/// thread for the length of one job.
class JobControl
{
public:
    JobControl() = default;
    JobControl(std::function<bool()> stopRequested,
               std::function<void(qint64, qint64, const QString &)> progress)
        : m_stopRequested(std::move(stopRequested))
        , m_progress(std::move(progress))
    { }

    /// True once the job should end: long loops ask between steps.
    bool stopRequested() const { return m_stopRequested && m_stopRequested(); }
    /// Reports @p done of @p total (0: unknown) with a short text for a person.
    void reportProgress(qint64 done, qint64 total, const QString &text) const
    {
        if (m_progress)
            m_progress(done, total, text);
    }
    /// A predicate for synchronous functions that take one.
    std::function<bool()> stopPredicate() const
    {
        return [this] { return stopRequested(); };
    }

private:
    std::function<bool()> m_stopRequested;
    std::function<void(qint64, qint64, const QString &)> m_progress;
};

} // namespace gitops::git
