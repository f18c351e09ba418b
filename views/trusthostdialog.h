#pragma once

#include "git/transfer.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace gitops {

/// Asks whether to trust an SSH host that known_hosts does not know, when a push or fetch of
/// a change request was refused for it: the host, its port, the key's type and its SHA256
/// fingerprint, to compare with what the server's operators publish. "Trust This Host"
/// appends the key to the known_hosts file (hashed where the file is hashed) and emits
/// trusted(); Cancel, the default, writes nothing. A changed key is never offered: the
/// dialog says so and has only Close.
class TrustHostDialog : public QDialog
{
    Q_OBJECT

public:
    /// @p knownHostsFile: empty for ~/.ssh/known_hosts.
    TrustHostDialog(const git::HostKey &key, const QString &knownHostsFile,
                    QWidget *parent = nullptr);

    QLabel *text() const { return m_text; }
    /// Null for a changed key.
    QPushButton *trustButton() const { return m_trust; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    /// The key is in the known_hosts file now; a retry will be let through.
    void trusted();

private:
    void trust();

    git::HostKey m_key;
    QString m_file;
    QLabel *m_text = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_trust = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace gitops
