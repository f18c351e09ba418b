#include "logging.h"

Q_LOGGING_CATEGORY(lcGit, "gitops.git", QtWarningMsg)
Q_LOGGING_CATEGORY(lcWorkspace, "gitops.workspace", QtWarningMsg)
Q_LOGGING_CATEGORY(lcManifest, "gitops.manifest", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKube, "gitops.kube", QtWarningMsg)
