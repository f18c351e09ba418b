#include "forge/pullrequest.h"

namespace gitops::forge {

QString pullRequestStateName(PullRequest::State state)
{
    switch (state) {
    case PullRequest::State::Open:
        return QStringLiteral("open");
    case PullRequest::State::Merged:
        return QStringLiteral("merged");
    case PullRequest::State::Closed:
        break;
    }
    return QStringLiteral("closed");
}

std::optional<PullRequest> adoptablePullRequest(const QList<PullRequest> &candidates)
{
    std::optional<PullRequest> best;
    for (const PullRequest &candidate : candidates) {
        if (candidate.state == PullRequest::State::Closed)
            continue;
        if (!best) {
            best = candidate;
            continue;
        }
        const bool better = (candidate.isOpen() && !best->isOpen())
            || (candidate.isOpen() == best->isOpen() && candidate.number > best->number);
        if (better)
            best = candidate;
    }
    return best;
}

} // namespace gitops::forge
