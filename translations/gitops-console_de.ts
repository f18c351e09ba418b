<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>gitops::ComparePane</name>
    <message>
        <source>Desired (git)</source>
        <translation>Soll (git)</translation>
    </message>
    <message>
        <source>Live (cluster)</source>
        <translation>Ist (Cluster)</translation>
    </message>
</context>
<context>
    <name>gitops::DifferenceList</name>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Desired</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>Last written by</source>
        <translation>Zuletzt geschrieben von</translation>
    </message>
    <message>
        <source>%1 (%2) %3</source>
        <translation>%1 (%2) %3</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
</context>
<context>
    <name>gitops::DriftBrowser</name>
    <message>
        <source>Whole live object</source>
        <translation>Ganzes Ist-Objekt</translation>
    </message>
    <message>
        <source>Exact (server dry-run)</source>
        <translation>Exakt (Server-Probelauf)</translation>
    </message>
    <message>
        <source>Filter by name, kind, namespace or label (Ctrl+F)</source>
        <translation>Nach Name, Art, Namespace oder Label filtern (Strg+F)</translation>
    </message>
    <message>
        <source>OutOfSync</source>
        <translation>Abweichend</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Extraneous</source>
        <translation>Überzählig</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>Progressing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Show only resources that are %1</source>
        <translation>Nur Ressourcen mit dem Status %1 zeigen</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Show every live field, not only those git sets and the drifted ones</source>
        <translation>Jedes Feld des Ist-Zustands zeigen, nicht nur die aus Git und die abweichenden</translation>
    </message>
    <message>
        <source>Desired (git): not in git</source>
        <translation>Soll (git): nicht in Git</translation>
    </message>
    <message>
        <source>Desired (git)</source>
        <translation>Soll (git)</translation>
    </message>
    <message>
        <source>Desired after apply (server dry-run)</source>
        <translation>Soll nach dem Anwenden (Server-Probelauf)</translation>
    </message>
    <message>
        <source>Live (cluster): not in the cluster</source>
        <translation>Ist (Cluster): nicht im Cluster</translation>
    </message>
    <message>
        <source>Live (cluster)</source>
        <translation>Ist (Cluster)</translation>
    </message>
    <message>
        <source>F&amp;lat List</source>
        <translation>F&amp;lache Liste</translation>
    </message>
    <message>
        <source>&amp;Whole Live Object</source>
        <translation>&amp;Ganzes Ist-Objekt</translation>
    </message>
    <message>
        <source>&amp;Exact Comparison (Server Dry-Run)</source>
        <translation>&amp;Exakter Vergleich (Server-Probelauf)</translation>
    </message>
    <message>
        <source>List every resource in one sortable list instead of the tree</source>
        <translation>Alle Ressourcen in einer sortierbaren Liste statt im Baum zeigen</translation>
    </message>
    <message>
        <source>Compare the selected resource&apos;s app with what the cluster would hold after applying git (a server-side dry-run apply of every resource, as kubectl diff --server-side does)</source>
        <translation>Die App der gewählten Ressource mit dem vergleichen, was der Cluster nach dem Anwenden von Git enthielte (ein serverseitiger Probelauf jeder Ressource, wie kubectl diff --server-side)</translation>
    </message>
    <message>
        <source>Server dry runs for %1: %2 of %3</source>
        <translation>Server-Probeläufe für %1: %2 von %3</translation>
    </message>
    <message>
        <source>Every resource of %1 compared with the server&apos;s dry run</source>
        <translation>Jede Ressource von %1 mit dem Probelauf des Servers verglichen</translation>
    </message>
    <message>
        <source>Desired (git), waiting for the server&apos;s dry run</source>
        <translation>Soll (git), wartet auf den Probelauf des Servers</translation>
    </message>
    <message>
        <source>Exact mode is not available: %1</source>
        <translation>Der exakte Modus ist nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Show only resources of this kind</source>
        <translation>Nur Ressourcen dieser Art zeigen</translation>
    </message>
    <message>
        <source>Show only resources in this namespace</source>
        <translation>Nur Ressourcen in diesem Namespace zeigen</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>Alle Namespaces</translation>
    </message>
    <message>
        <source>(cluster-scoped)</source>
        <translation>(clusterweit)</translation>
    </message>
    <message>
        <source>Select a resource to see git&apos;s side beside the cluster&apos;s.</source>
        <translation>Wählen Sie eine Ressource, um die Seite aus Git neben der des Clusters zu sehen.</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>Nichts ausgewählt</translation>
    </message>
    <message>
        <source>Desired (git): not compared</source>
        <translation>Soll (git): nicht verglichen</translation>
    </message>
    <message>
        <source>Desired (git): in %1, not compared</source>
        <translation>Soll (git): in %1, nicht verglichen</translation>
    </message>
    <message>
        <source>Live (cluster): not read from the cluster: %1</source>
        <translation>Ist (Cluster): nicht aus dem Cluster gelesen: %1</translation>
    </message>
    <message>
        <source>Desired (git), not in the cluster</source>
        <translation>Soll (git), nicht im Cluster</translation>
    </message>
    <message>
        <source>Live (cluster), not in git</source>
        <translation>Ist (Cluster), nicht in Git</translation>
    </message>
    <message>
        <source>Shown once the cluster can be compared with git.</source>
        <translation>Erscheint, sobald der Cluster mit Git verglichen werden kann.</translation>
    </message>
</context>
<context>
    <name>gitops::DriftDescription</name>
    <message>
        <source>&lt;b&gt;Conditions&lt;/b&gt;</source>
        <translation>&lt;b&gt;Bedingungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Container %1: waiting (%2) %3</source>
        <translation>Container %1: wartet (%2) %3</translation>
    </message>
    <message>
        <source>Container %1: terminated (%2, exit code %3)</source>
        <translation>Container %1: beendet (%2, Exit-Code %3)</translation>
    </message>
    <message>
        <source>Container %1: running</source>
        <translation>Container %1: läuft</translation>
    </message>
    <message>
        <source>— restarts: %1</source>
        <translation>— Neustarts: %1</translation>
    </message>
    <message>
        <source>%1 drifted</source>
        <translation>%1 abweichend</translation>
    </message>
    <message>
        <source>%1 unknown</source>
        <translation>%1 unbekannt</translation>
    </message>
    <message>
        <source>%1 synced</source>
        <translation>%1 synchron</translation>
    </message>
    <message>
        <source>1 resource</source>
        <translation>1 Ressource</translation>
    </message>
    <message>
        <source>%1 resources</source>
        <translation>%1 Ressourcen</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sync: %1</source>
        <translation>Sync: %1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>Defined in %1</source>
        <translation>Definiert in %1</translation>
    </message>
    <message>
        <source>Could not be read: %1</source>
        <translation>Konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Files that could not be read&lt;/b&gt;</source>
        <translation>&lt;b&gt;Dateien, die nicht gelesen werden konnten&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Synced: the live object matches git. Unchanged lines are folded; click one to open it.</source>
        <translation>Synchron: Das Ist-Objekt entspricht Git. Unveränderte Zeilen sind eingeklappt; ein Klick öffnet sie.</translation>
    </message>
    <message>
        <source>OutOfSync: the live object differs from git in one field.</source>
        <translation>Abweichend: Das Ist-Objekt weicht in einem Feld von Git ab.</translation>
    </message>
    <message>
        <source>OutOfSync: the live object differs from git in %1 fields.</source>
        <translation>Abweichend: Das Ist-Objekt weicht in %1 Feldern von Git ab.</translation>
    </message>
    <message>
        <source>Missing: in git, not in the cluster. Git&apos;s side is shown whole.</source>
        <translation>Fehlt: in Git, nicht im Cluster. Die Seite aus Git wird ganz gezeigt.</translation>
    </message>
    <message>
        <source>Extraneous: in the cluster and tracked by the app, not in git. The live object is shown whole.</source>
        <translation>Überzählig: im Cluster und der App zugeordnet, nicht in Git. Das Ist-Objekt wird ganz gezeigt.</translation>
    </message>
    <message>
        <source>Unknown: not compared. %1</source>
        <translation>Unbekannt: nicht verglichen. %1</translation>
    </message>
    <message>
        <source>1 app</source>
        <translation>1 App</translation>
    </message>
    <message>
        <source>%1 apps</source>
        <translation>%1 Apps</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1, %2.</translation>
    </message>
    <message>
        <source>Namespace %1: the Argo CD Application&apos;s destination (the manifest names none)</source>
        <translation>Namespace %1: das Ziel der Argo-CD-Application (das Manifest nennt keinen)</translation>
    </message>
    <message>
        <source>Namespace %1: the Flux Kustomization&apos;s targetNamespace</source>
        <translation>Namespace %1: der targetNamespace der Flux-Kustomization</translation>
    </message>
    <message>
        <source>Namespace %1: the destination in gitops-console.yaml (the manifest names none)</source>
        <translation>Namespace %1: das Ziel in gitops-console.yaml (das Manifest nennt keinen)</translation>
    </message>
    <message>
        <source>Namespace %1: the kubeconfig context&apos;s, where kubectl apply puts a manifest that names none</source>
        <translation>Namespace %1: der des kubeconfig-Kontexts, in den kubectl apply ein Manifest ohne Namespace legt</translation>
    </message>
    <message>
        <source>Namespace %1: neither the manifest, its app nor the context names one</source>
        <translation>Namespace %1: weder das Manifest noch seine App noch der Kontext nennen einen</translation>
    </message>
</context>
<context>
    <name>gitops::DriftPresentationModel</name>
    <message>
        <source>Synced</source>
        <translation>Synchron</translation>
    </message>
    <message>
        <source>OutOfSync</source>
        <translation>Abweichend</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Fehlt</translation>
    </message>
    <message>
        <source>Extraneous</source>
        <translation>Überzählig</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Gesund</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Ausgesetzt</translation>
    </message>
    <message>
        <source>Progressing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Beeinträchtigt</translation>
    </message>
    <message>
        <source>(cluster-scoped)</source>
        <translation>(clusterweit)</translation>
    </message>
    <message>
        <source>%1  %2 of %3 drifted</source>
        <translation>%1  %2 von %3 abweichend</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 by %2 (%3)</source>
        <translation>%1 von %2 (%3)</translation>
    </message>
    <message>
        <source>Compared with the server&apos;s dry run of git (exact mode)</source>
        <translation>Mit dem Probelauf des Servers verglichen (exakter Modus)</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Geändert</translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1  %2 of %3 drifted, %4 unknown</source>
        <translation>%1  %2 von %3 abweichend, %4 unbekannt</translation>
    </message>
    <message>
        <source>%1  %2 of %3 unknown</source>
        <translation>%1  %2 von %3 unbekannt</translation>
    </message>
</context>
<context>
    <name>gitops::ExactRunner</name>
    <message>
        <source>The cluster does not serve %1.</source>
        <translation>Der Cluster bietet %1 nicht an.</translation>
    </message>
</context>
<context>
    <name>gitops::MainWindow</name>
    <message>
        <source>GitOps Console</source>
        <translation>GitOps Console</translation>
    </message>
    <message>
        <source>No cluster context selected</source>
        <translation>Kein Cluster-Kontext ausgewählt</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>Repository ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open a git repository that holds the desired state</source>
        <translation>Ein Git-Repository öffnen, das den Sollzustand enthält</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Read the workspace again</source>
        <translation>Den Arbeitsbereich neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About GitOps Console</source>
        <translation>Ü&amp;ber GitOps Console</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Arbeitsbereich</translation>
    </message>
    <message>
        <source>Workspace:</source>
        <translation>Arbeitsbereich:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet …</translation>
    </message>
    <message>
        <source>Could not open the workspace. %1</source>
        <translation>Der Arbeitsbereich konnte nicht geöffnet werden. %1</translation>
    </message>
    <message>
        <source>%1 — GitOps Console</source>
        <translation>%1 — GitOps Console</translation>
    </message>
    <message>
        <source>Nothing to compare</source>
        <translation>Nichts zu vergleichen</translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation>Repository öffnen …</translation>
    </message>
    <message>
        <source>Open a repository…</source>
        <translation>Ein Repository öffnen …</translation>
    </message>
    <message>
        <source>Open the git repository that holds your cluster&apos;s desired state to browse its apps and resources.</source>
        <translation>Öffnen Sie das Git-Repository mit dem Sollzustand Ihres Clusters, um seine Apps und Ressourcen zu durchsuchen.</translation>
    </message>
    <message>
        <source>Desired state from git appears here beside the live state from the cluster once a repository is open and a resource is selected.</source>
        <translation>Hier erscheint der Sollzustand aus Git neben dem Istzustand des Clusters, sobald ein Repository geöffnet und eine Ressource ausgewählt ist.</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>Repository öffnen</translation>
    </message>
    <message>
        <source>No recent workspaces</source>
        <translation>Keine zuletzt geöffneten Arbeitsbereiche</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>About GitOps Console</source>
        <translation>Über GitOps Console</translation>
    </message>
    <message>
        <source>&lt;b&gt;GitOps Console %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;GitOps Console %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Desired state from git beside live state from the cluster, for operators who work the GitOps way.</source>
        <translation>Sollzustand aus Git neben dem Istzustand des Clusters, für alle, die Kubernetes nach GitOps betreiben.</translation>
    </message>
    <message>
        <source>&amp;Filter Resources</source>
        <translation>Ressourcen &amp;filtern</translation>
    </message>
    <message>
        <source>Filter the resources by name, kind, namespace or label</source>
        <translation>Die Ressourcen nach Name, Art, Namespace oder Label filtern</translation>
    </message>
    <message>
        <source>The kubeconfig context whose cluster is compared with git</source>
        <translation>Der kubeconfig-Kontext, dessen Cluster mit Git verglichen wird</translation>
    </message>
    <message>
        <source>Reading apps…</source>
        <translation>Apps werden gelesen …</translation>
    </message>
    <message>
        <source>Discovering the apps of %1 and rendering their manifests.</source>
        <translation>Die Apps von %1 werden gesucht und ihre Manifeste gerendert.</translation>
    </message>
    <message>
        <source>Nothing to compare yet</source>
        <translation>Noch nichts zu vergleichen</translation>
    </message>
    <message>
        <source>Select a resource once the apps are read.</source>
        <translation>Wählen Sie eine Ressource, sobald die Apps gelesen sind.</translation>
    </message>
    <message>
        <source>No kubeconfig could be read: %1</source>
        <translation>Keine kubeconfig konnte gelesen werden: %1</translation>
    </message>
    <message>
        <source>Context: %1</source>
        <translation>Kontext: %1</translation>
    </message>
    <message>
        <source>No apps found</source>
        <translation>Keine Apps gefunden</translation>
    </message>
    <message>
        <source>No Argo CD Application, Flux Kustomization, gitops-console.yaml or folder of manifests was found in %1.</source>
        <translation>In %1 wurde keine Argo-CD-Application, keine Flux-Kustomization, keine gitops-console.yaml und kein Ordner mit Manifesten gefunden.</translation>
    </message>
    <message>
        <source>&amp;Stop Loading</source>
        <translation>Laden a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop listing the cluster and the server&apos;s dry runs</source>
        <translation>Das Auflisten des Clusters und die Probeläufe des Servers abbrechen</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>&amp;Revision:</translation>
    </message>
    <message>
        <source>The git revision whose manifests are the desired state: a branch, a tag, a commit (&quot;HEAD~3&quot;, an id), or the working tree with uncommitted edits</source>
        <translation>Die Git-Revision, deren Manifeste der Sollzustand sind: ein Branch, ein Tag, ein Commit (&quot;HEAD~3&quot;, eine ID) oder der Arbeitsbaum mit nicht committeten Änderungen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 %2/%3</source>
        <translation>%1 %2/%3</translation>
    </message>
    <message>
        <source>HEAD (%1, no commits yet)</source>
        <translation>HEAD (%1, noch keine Commits)</translation>
    </message>
    <message>
        <source>HEAD (detached at %1)</source>
        <translation>HEAD (losgelöst bei %1)</translation>
    </message>
    <message>
        <source>HEAD (%1 at %2)</source>
        <translation>HEAD (%1 bei %2)</translation>
    </message>
    <message>
        <source>Working tree (uncommitted edits)</source>
        <translation>Arbeitsbaum (nicht committete Änderungen)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (see each app&apos;s Details)</source>
        <translation>
            <numerusform>… und %n weiterer (siehe die Details der App)</numerusform>
            <numerusform>… und %n weitere (siehe die Details jeder App)</numerusform>
        </translation>
    </message>
    <message>
        <source>Git&apos;s side could not be read completely:</source>
        <translation>Die Seite aus Git konnte nicht vollständig gelesen werden:</translation>
    </message>
    <message>
        <source>Git&apos;s side could not be read</source>
        <translation>Die Seite aus Git konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The kubeconfig could not be read: %1</source>
        <translation>Die kubeconfig konnte nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>gitops::MessageBanner</name>
    <message>
        <source>Close this message (Esc)</source>
        <translation>Diese Meldung schließen (Esc)</translation>
    </message>
</context>
<context>
    <name>gitops::SideBySideDiffView</name>
    <message>
        <source>Previous change</source>
        <translation>Vorherige Änderung</translation>
    </message>
    <message>
        <source>Previous change (Alt+Up)</source>
        <translation>Vorherige Änderung (Alt+Hoch)</translation>
    </message>
    <message>
        <source>Next change</source>
        <translation>Nächste Änderung</translation>
    </message>
    <message>
        <source>Next change (Alt+Down)</source>
        <translation>Nächste Änderung (Alt+Runter)</translation>
    </message>
    <message>
        <source>Desired (git)</source>
        <translation>Soll (git)</translation>
    </message>
    <message>
        <source>Live (cluster)</source>
        <translation>Ist (Cluster)</translation>
    </message>
    <message>
        <source>⋯ 1 unchanged line</source>
        <translation>⋯ 1 unveränderte Zeile</translation>
    </message>
    <message>
        <source>⋯ %1 unchanged lines</source>
        <translation>⋯ %1 unveränderte Zeilen</translation>
    </message>
    <message>
        <source>No differences</source>
        <translation>Keine Unterschiede</translation>
    </message>
    <message>
        <source>1 change</source>
        <translation>1 Änderung</translation>
    </message>
    <message>
        <source>%1 changes</source>
        <translation>%1 Änderungen</translation>
    </message>
    <message>
        <source>Change %1 of %2</source>
        <translation>Änderung %1 von %2</translation>
    </message>
</context>
<context>
    <name>gitops::WorkspaceComparison</name>
    <message>
        <source>The server&apos;s dry run failed: %1</source>
        <translation>Der Probelauf des Servers ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>gitops::WorkspaceSession</name>
    <message>
        <source>Reading apps at %1…</source>
        <translation>Apps bei %1 werden gelesen …</translation>
    </message>
    <message>
        <source>Could not read the desired state: %1</source>
        <translation>Der Sollzustand konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot use context %1: %2</source>
        <translation>Kontext %1 ist nicht nutzbar: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 …</translation>
    </message>
    <message>
        <source>Exact mode needs a connected cluster context.</source>
        <translation>Der exakte Modus braucht einen verbundenen Cluster-Kontext.</translation>
    </message>
    <message>
        <source>The app %1 is not in the repository.</source>
        <translation>Die App %1 ist nicht im Repository.</translation>
    </message>
    <message>
        <source>Listing cancelled; refresh (F5) to list the cluster again.</source>
        <translation>Auflisten abgebrochen; Aktualisieren (F5) listet den Cluster erneut.</translation>
    </message>
    <message>
        <source>Server dry runs for %1…</source>
        <translation>Server-Probeläufe für %1 …</translation>
    </message>
    <message>
        <source>No cluster context selected</source>
        <translation>Kein Cluster-Kontext ausgewählt</translation>
    </message>
    <message>
        <source>This app runs in context %1 (gitops-console.yaml); choose that context to compare it</source>
        <translation>Diese App läuft im Kontext %1 (gitops-console.yaml); wählen Sie diesen Kontext, um sie zu vergleichen</translation>
    </message>
    <message>
        <source>Listing kinds in %1…</source>
        <translation>Arten in %1 werden aufgelistet …</translation>
    </message>
    <message>
        <source>Not allowed to list %1 in context %2, so objects of those kinds that git does not name are not shown.</source>
        <translation>Keine Berechtigung, %1 im Kontext %2 aufzulisten; Objekte dieser Arten, die Git nicht nennt, werden daher nicht gezeigt.</translation>
    </message>
    <message>
        <source>Custom resources&apos; lists are compared whole, not item by item: %1</source>
        <translation>Listen benutzerdefinierter Ressourcen werden als Ganzes verglichen, nicht Eintrag für Eintrag: %1</translation>
    </message>
    <message>
        <source>context %1: %2</source>
        <translation>Kontext %1: %2</translation>
    </message>
    <message>
        <source>context %1 (%2): %3</source>
        <translation>Kontext %1 (%2): %3</translation>
    </message>
    <message>
        <source>Listing the cluster…</source>
        <translation>Der Cluster wird aufgelistet …</translation>
    </message>
    <message>
        <source>the kubeconfig could not be read: %1</source>
        <translation>die kubeconfig konnte nicht gelesen werden: %1</translation>
    </message>
</context>
</TS>
