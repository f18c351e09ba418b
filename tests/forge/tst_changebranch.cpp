// The branch a change is pushed to: the same change always lands on the same branch (so a
// retry finds its pull request), another change on another, and every name is one git
// accepts.
#include "forge/changebranch.h"

#include "kubeemulatorprocess.h"

#include <QTest>

using namespace gitops::forge;
using namespace gitops::test;
using namespace Qt::StringLiterals;

class tst_ChangeBranch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesAreValidRefs_data();
    void namesAreValidRefs();
    void sameChangeSameBranch();
};

void tst_ChangeBranch::namesAreValidRefs_data()
{
    QTest::addColumn<QString>("app");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("plain") << u"demo"_s << u"gitops/demo/"_s;
    QTest::newRow("upper case and spaces") << u"Payments API"_s << u"gitops/payments-api/"_s;
    QTest::newRow("slashes and colons") << u"team/a:b"_s << u"gitops/team-a-b/"_s;
    QTest::newRow("dots") << u"..hidden..app.lock"_s << u"gitops/hidden.app/"_s;
    QTest::newRow("nothing usable") << u"***"_s << u"gitops/app/"_s;
    QTest::newRow("not ASCII") << u"über-app"_s << u"gitops/ber-app/"_s;
}

void tst_ChangeBranch::namesAreValidRefs()
{
    QFETCH(QString, app);
    QFETCH(QString, prefix);
    const QString branch = changeBranchName(app, "kind: ConfigMap\n");
    QVERIFY2(branch.startsWith(prefix), qPrintable(branch));
    QCOMPARE(branch.size(), prefix.size() + 12);
    const CommandResult check =
        runCommand(u"git"_s, {u"check-ref-format"_s, u"--branch"_s, branch});
    QVERIFY2(check.exitCode == 0, qPrintable(branch + u": "_s + check.err));
}

void tst_ChangeBranch::sameChangeSameBranch()
{
    const QString first = changeBranchName(u"demo"_s, "replicas: 3\n");
    QCOMPARE(changeBranchName(u"demo"_s, "replicas: 3\n"), first);
    QVERIFY(changeBranchName(u"demo"_s, "replicas: 4\n") != first);
    QVERIFY(changeBranchName(u"other"_s, "replicas: 3\n") != first);
    QVERIFY(first.startsWith(changeBranchPrefix()));
}

QTEST_GUILESS_MAIN(tst_ChangeBranch)
#include "tst_changebranch.moc"
