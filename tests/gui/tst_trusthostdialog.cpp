// The "trust this host" question of a change request refused for an unknown SSH host key
// (issue 13): what it shows, that Cancel is the default and writes nothing, that trusting
// writes a line known_hosts then accepts, and that a changed key is never offered. The
// window's push path reaches no ssh remote in the GUI tests; tst_remotessh pushes over the
// real sshd after KnownHosts::trust(), which the dialog calls.
#include "trusthostdialog.h"

#include "git/knownhosts.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gitops;

namespace {

git::HostKey hostKey()
{
    git::HostKey key;
    key.host = QStringLiteral("git.example.net");
    key.port = 2222;
    // An ed25519 key blob: its type, then 32 bytes of key.
    key.blob = QByteArray::fromHex("0000000b7373682d65643235353139") + QByteArray("\0\0\0 ", 4)
        + QByteArray(32, 'k');
    key.type = git::KnownHosts::typeOf(key.blob);
    key.fingerprint = git::KnownHosts::fingerprint(key.blob);
    return key;
}

} // namespace

class tst_TrustHostDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheHostAndCancelsByDefault();
    void trustingWritesKnownHosts();
    void aChangedKeyIsNotOffered();
};

void tst_TrustHostDialog::showsTheHostAndCancelsByDefault()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("known_hosts"));
    const git::HostKey key = hostKey();
    QCOMPARE(key.type, QStringLiteral("ssh-ed25519"));
    TrustHostDialog dialog(key, file);
    const QString text = dialog.text()->text();
    for (const QString &fact : {QStringLiteral("git.example.net"), QStringLiteral("2222"),
                                QStringLiteral("ssh-ed25519"), key.fingerprint})
        QVERIFY2(text.contains(fact), qPrintable(text));
    QVERIFY(dialog.trustButton());
    QCOMPARE(dialog.trustButton()->text(), QStringLiteral("Trust This Host"));
    QPushButton *cancel = dialog.buttons()->button(QDialogButtonBox::Cancel);
    QVERIFY(cancel);
    QVERIFY(cancel->isDefault());
    QVERIFY(!dialog.trustButton()->isDefault());

    QSignalSpy trusted(&dialog, &TrustHostDialog::trusted);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Return); // the default: Cancel
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(trusted.count(), 0);
    QVERIFY(!QFile::exists(file));
}

void tst_TrustHostDialog::trustingWritesKnownHosts()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ssh/known_hosts"));
    const git::HostKey key = hostKey();
    TrustHostDialog dialog(key, file);
    QSignalSpy trusted(&dialog, &TrustHostDialog::trusted);
    dialog.show();
    QTest::mouseClick(dialog.trustButton(), Qt::LeftButton);
    QCOMPARE(trusted.count(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(git::KnownHosts(file).check(key.host, key.port, key.type, key.blob),
             git::KnownHosts::Verdict::Known);
}

void tst_TrustHostDialog::aChangedKeyIsNotOffered()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("known_hosts"));
    git::HostKey key = hostKey();
    key.changed = true;
    TrustHostDialog dialog(key, file);
    QVERIFY(!dialog.trustButton());
    QVERIFY(dialog.buttons()->button(QDialogButtonBox::Close));
    QVERIFY(dialog.text()->text().contains(QLatin1String("has changed")));
    QVERIFY(dialog.text()->text().contains(key.fingerprint));
    QVERIFY(!QFile::exists(file));
}

QTEST_MAIN(tst_TrustHostDialog)
#include "tst_trusthostdialog.moc"
