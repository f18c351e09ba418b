#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace gitops::bench {

/// Runs git in @p folder with no system or global configuration, as author and committer
/// "Bench", feeding it @p input, with @p extraEnvironment ("NAME=value") set; stops the
/// benchmark when git fails. Returns its standard output, trimmed.
QByteArray runGit(const QString &folder, const QStringList &arguments, const QByteArray &input = {},
                  const QStringList &extraEnvironment = {});

/// A `git fast-import` data block holding @p content.
QByteArray blob(const QByteArray &content);

/// The header of commit number @p c on refs/heads/main: author and committer "Bench", one
/// second apart per commit, the message "change <c>". File commands follow it.
QByteArray commitHeader(int c);

/// A new repository in @p folder (branch main) with the commits of the fast-import
/// @p stream; returns @p folder.
QString makeRepository(const QString &folder, const QByteArray &stream);

} // namespace gitops::bench
