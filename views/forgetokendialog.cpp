#include "forgetokendialog.h"

#include "forge/tokenstore.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace gitops {

namespace {

QString forgeName(forge::ForgeType type)
{
    switch (type) {
    case forge::ForgeType::GitHub:
        return QStringLiteral("GitHub");
    case forge::ForgeType::GitLab:
        return QStringLiteral("GitLab");
    case forge::ForgeType::Gitea:
        return QStringLiteral("Gitea");
    default:
        return forge::forgeTypeName(type);
    }
}

} // namespace

ForgeTokenDialog::ForgeTokenDialog(const QString &host, forge::ForgeType type, bool forGit,
                                   QWidget *parent)
    : QDialog(parent)
    , m_host(host)
    , m_token(new QLineEdit(this))
    , m_keychain(new QRadioButton(tr("Store it in the system &keychain"), this))
    , m_session(new QRadioButton(tr("&Use it until GitOps Console quits; store it nowhere"), this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Forge Token"));
    auto *layout = new QVBoxLayout(this);
    // Wrapped labels grow the dialog when the keychain's answer is shown.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    setMinimumWidth(520);
    const QString need = forGit
        ? tr("Git's credential helpers have nothing for <b>%1</b>. To fetch and push the "
             "change's branch and open its pull request, GitOps Console can use a token for "
             "%1 (%2). %3")
        : tr("The branch is pushed. To open its pull request, GitOps Console needs a token for "
             "<b>%1</b> (%2). %3");
    auto *intro = new QLabel(
        need.arg(host.toHtmlEscaped(), forgeName(type), scopeFor(type).toHtmlEscaped()), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("Token"));
    m_token->setAccessibleName(tr("Token for %1").arg(host));
    layout->addWidget(m_token);
    auto *choices = new QButtonGroup(this);
    choices->addButton(m_keychain);
    choices->addButton(m_session);
    m_keychain->setChecked(true);
    layout->addWidget(m_keychain);
    layout->addWidget(m_session);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use Token"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ForgeTokenDialog::useToken);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_token, &QLineEdit::textChanged, this, &ForgeTokenDialog::updateButtons);
    updateButtons();
}

ForgeTokenDialog::~ForgeTokenDialog() = default;

QString ForgeTokenDialog::scopeFor(forge::ForgeType type)
{
    switch (type) {
    case forge::ForgeType::GitHub:
        return tr("A classic token needs the repo scope; a fine-grained one, read and write "
                  "access to pull requests and contents.");
    case forge::ForgeType::GitLab:
        return tr("It needs the api scope.");
    case forge::ForgeType::Gitea:
        return tr("It needs the write:repository scope.");
    default:
        return {};
    }
}

void ForgeTokenDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_storing && !m_token->text().trimmed().isEmpty());
    m_token->setEnabled(!m_storing);
    m_session->setEnabled(!m_storing);
    m_keychain->setEnabled(!m_storing && !m_keychainRefused);
}

void ForgeTokenDialog::useToken()
{
    const QByteArray token = m_token->text().trimmed().toUtf8();
    if (token.isEmpty())
        return;
    if (m_session->isChecked()) {
        Q_EMIT tokenChosen(m_host, token);
        accept();
        return;
    }
    if (!m_store)
        m_store = new forge::TokenStore(this);
    m_storing = true;
    m_problem->setText(tr("Storing the token in the keychain…"));
    m_problem->show();
    updateButtons();
    m_store->store(m_host, token, this, [this, token](const QString &error) {
        m_storing = false;
        if (error.isEmpty()) {
            Q_EMIT tokenChosen(m_host, token);
            accept();
            return;
        }
        // No keychain service, or it is locked: nothing was written anywhere. The only
        // choice left is the explicit one, so the person makes it.
        m_keychainRefused = true;
        m_session->setChecked(true);
        m_problem->setText(tr("The keychain did not take the token: %1. Choose “Use Token” "
                              "again to use it until GitOps Console quits.")
                               .arg(error));
        updateButtons();
        adjustSize();
    });
}

} // namespace gitops
