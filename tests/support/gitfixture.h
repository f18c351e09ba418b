#pragma once

#include <QString>
#include <QStringList>

namespace gitops::test {

/// Runs the real `git` in @p folder with a fixed identity and no user or system config.
/// Fails the current test (QFAIL-style, via QTest) and returns "" when git fails.
QString runGit(const QString &folder, const QStringList &arguments);

/// Makes a repository in @p folder with branch `main` and one commit holding @p file.
/// Returns the commit id.
QString makeRepository(const QString &folder, const QString &file = QStringLiteral("README.md"));

} // namespace gitops::test
