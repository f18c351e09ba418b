#pragma once

#include "forge/forgehost.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace gitops {

namespace forge {
class TokenStore;
}

/// Asks for a forge token when a change request finds none for its forge host, or the
/// forge refused the one it had, or (@p forGit) when an HTTPS remote's git server asks for
/// credentials that git's credential helpers do not have. The person chooses, explicitly, where it
/// goes: the system keychain, or nowhere (used until the console quits). When the keychain does not
/// take it, the dialog says so and offers only the second choice; the token is never
/// written to a file, a log or the settings.
class ForgeTokenDialog : public QDialog
{
    Q_OBJECT

public:
    ForgeTokenDialog(const QString &host, forge::ForgeType type, bool forGit = false,
                     QWidget *parent = nullptr);
    ~ForgeTokenDialog() override;

    QLineEdit *tokenField() const { return m_token; }
    QRadioButton *keychainChoice() const { return m_keychain; }
    QRadioButton *sessionChoice() const { return m_session; }
    QLabel *problem() const { return m_problem; }
    QDialogButtonBox *buttons() const { return m_buttons; }

    /// The scope a token of @p type needs to open pull requests, in words.
    static QString scopeFor(forge::ForgeType type);

Q_SIGNALS:
    /// The token to use for @p host, stored where the person chose; the dialog is closed.
    void tokenChosen(const QString &host, const QByteArray &token);

private:
    void useToken();
    void updateButtons();

    QString m_host;
    QLineEdit *m_token;
    QRadioButton *m_keychain;
    QRadioButton *m_session;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    forge::TokenStore *m_store = nullptr;
    bool m_storing = false;
    bool m_keychainRefused = false; ///< it did not take the token: only the session is left
};

} // namespace gitops
