#pragma once

#include <QLoggingCategory>

// One logging category per module (STYLE.md rule 13). Enable with
// QT_LOGGING_RULES="gitops.git.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcGit)
Q_DECLARE_LOGGING_CATEGORY(lcWorkspace)
Q_DECLARE_LOGGING_CATEGORY(lcManifest)
Q_DECLARE_LOGGING_CATEGORY(lcKube)
