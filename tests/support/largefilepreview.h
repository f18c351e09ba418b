#pragma once

// The edit preview's performance scenario of issue 15, shared by tst_changerequest (that it
// works) and bench_preview (how fast): a 2,000-line file of 100 Deployments in an app of 1,000
// resources (900 ConfigMaps in a second file), open in the real edit pane beside the
// side-by-side diff, which shows each preview of web-50 against its live object.

#include "drift/driftreport.h"
#include "manifest/manifestparser.h"
#include "manifesteditor.h"
#include "manifesteditpane.h"
#include "pendingchange.h"
#include "sidebysidediffview.h"
#include "workspace/desiredstate.h"

#include <QJsonObject>
#include <QTextBlock>

namespace gitops::testing {

class LargeFilePreview
{
public:
    LargeFilePreview()
        : m_pane(&m_change)
    {
        for (int i = 0; i < 100; ++i) {
            m_file += QStringLiteral("---\n# deployment %1\napiVersion: apps/v1\nkind: Deployment\n"
                                     "metadata:\n  name: web-%1\n  namespace: demo\n"
                                     "  labels: {app: web-%1, tier: front}\nspec:\n  replicas: 2\n"
                                     "  selector:\n    matchLabels: {app: web-%1}\n  template:\n"
                                     "    metadata:\n      labels: {app: web-%1}\n    spec:\n"
                                     "      containers:\n        - name: web\n"
                                     "          image: \"nginx:1.27\"\n"
                                     "          ports: [{containerPort: 80}]\n")
                          .arg(i)
                          .toUtf8();
        }
        QByteArray others;
        for (int i = 0; i < 900; ++i)
            others += QStringLiteral("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                                     "settings-%1, namespace: demo}\ndata: {mode: production}\n")
                          .arg(i)
                          .toUtf8();
        m_app.app.name = QStringLiteral("big");
        m_app.resources = manifest::parseManifests(m_file, QStringLiteral("big.yaml")).resources
            + manifest::parseManifests(others, QStringLiteral("others.yaml")).resources;
    }

    /// The file's bytes and the app as parsed: the caller checks their size before start().
    const QByteArray &file() const { return m_file; }
    const AppDesiredState &app() const { return m_app; }
    ManifestEditor *editor() const { return m_pane.editor(); }
    SideBySideDiffView &diff() { return m_diff; }

    /// Shows the pane on big.yaml at web-50 and the diff, each edit taken into the pending
    /// change and each preview of web-50 shown in the diff; the first preview follows.
    void start()
    {
        const manifest::Resource &target = m_app.resources.at(50);
        QJsonObject live = target.object;
        live.insert(QStringLiteral("status"), QJsonObject{{QStringLiteral("replicas"), 2}});
        m_change.setFile(QStringLiteral("big.yaml"),
                         PendingChange::File{QStringLiteral("big"),
                                             QStringLiteral("HEAD"),
                                             m_file,
                                             m_file,
                                             {},
                                             false,
                                             {}});
        m_pane.resize(900, 600);
        m_diff.resize(900, 600);
        m_pane.show();
        m_diff.show();
        QObject::connect(&m_pane, &ManifestEditPane::edited, &m_change,
                         [this](const QString &path, const QByteArray &bytes) {
                             PendingChange::File file = *m_change.file(path);
                             file.current = bytes;
                             m_change.setFile(path, file);
                         });
        QObject::connect(&m_pane, &ManifestEditPane::previewed, &m_diff,
                         [this](const QString &, const EditPreview &preview) {
                             if (preview.resource)
                                 m_diff.setTexts(drift::DriftReport::desiredYaml(*preview.resource),
                                                 drift::DriftReport::liveYaml(*preview.resource));
                         });
        m_pane.showFile(QStringLiteral("big.yaml"), target.line, target.line + 19);
        m_pane.setPreviewTarget(m_app, target.id, live);
    }

    /// The editor's line "  replicas: 2" of web-50; invalid when it is not within its first
    /// ten lines.
    QTextBlock replicasLine() const
    {
        const int line = m_app.resources.at(50).line;
        QTextBlock block = editor()->document()->findBlockByNumber(line - 1);
        while (block.isValid() && !block.text().startsWith(QStringLiteral("  replicas: 2")))
            block = block.next();
        return block.isValid() && block.blockNumber() < line + 10 ? block : QTextBlock();
    }

private:
    QByteArray m_file;
    AppDesiredState m_app;
    PendingChange m_change;
    ManifestEditPane m_pane;
    SideBySideDiffView m_diff;
};

} // namespace gitops::testing
