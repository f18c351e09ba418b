#include "trusthostdialog.h"

#include "git/knownhosts.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gitops {

TrustHostDialog::TrustHostDialog(const git::HostKey &key, const QString &knownHostsFile,
                                 QWidget *parent)
    : QDialog(parent)
    , m_key(key)
    , m_file(knownHostsFile.isEmpty() ? git::KnownHosts::defaultFile() : knownHostsFile)
{
    setWindowTitle(key.changed ? tr("Host Key Changed") : tr("Unknown Host"));
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QString facts = tr("<p>Host: <b>%1</b><br>Port: %2<br>Key type: %3<br>"
                             "Fingerprint: <tt>%4</tt></p>")
                              .arg(key.host.toHtmlEscaped())
                              .arg(key.port)
                              .arg(key.type.toHtmlEscaped(), key.fingerprint.toHtmlEscaped());
    m_text->setText(
        key.changed
            ? tr("<p>The host key of this server has changed since it was trusted. Someone "
                 "may be intercepting the connection, so it is refused.</p>%1<p>If the "
                 "server's key really changed, remove its old line from %2 and try again.</p>")
                  .arg(facts, m_file.toHtmlEscaped())
            : tr("<p>The server is not in %1, so the connection was refused.</p>%2<p>Trust it only "
                 "if this fingerprint is the one the server's operators publish.</p>")
                  .arg(m_file.toHtmlEscaped(), facts));
    layout->addWidget(m_text);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);

    m_buttons = new QDialogButtonBox(this);
    if (key.changed) {
        m_buttons->addButton(QDialogButtonBox::Close);
    } else {
        m_trust = m_buttons->addButton(tr("Trust This Host"), QDialogButtonBox::AcceptRole);
        m_trust->setAutoDefault(false);
        QPushButton *cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
        cancel->setDefault(true);
        cancel->setFocus();
        connect(m_trust, &QPushButton::clicked, this, &TrustHostDialog::trust);
    }
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);
}

void TrustHostDialog::trust()
{
    const QString problem = git::KnownHosts(m_file).trust(m_key);
    if (!problem.isEmpty()) {
        m_problem->setText(tr("The host could not be trusted: %1").arg(problem));
        m_problem->show();
        return;
    }
    Q_EMIT trusted();
    accept();
}

} // namespace gitops
