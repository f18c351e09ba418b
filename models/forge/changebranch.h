#pragma once

#include <QByteArray>
#include <QString>

namespace gitops::forge {

/// The prefix of every branch the console pushes for a change; `pr list` and
/// ForgeClient::listOpen() find the console's pull requests by it.
inline QString changeBranchPrefix()
{
    return QStringLiteral("gitops/");
}

/// The branch for a change of @p app whose content (the files as they will be committed,
/// in a stable order) is @p content: `gitops/<app>/<first 12 hex digits of its SHA-256>`.
/// The same change always gets the same branch, so a retry pushes to it again and finds
/// its pull request; another change gets another. The app's name is made a valid ref
/// component (lower case; runs of anything but letters, digits, '.', '_' and '-' become
/// one '-'; no leading '.' or '-', no ".." or ".lock").
QString changeBranchName(const QString &app, const QByteArray &content);

} // namespace gitops::forge
