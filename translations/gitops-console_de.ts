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
        <source>Connecting to clusters from your kubeconfig is not available in this version yet.</source>
        <translation>Die Verbindung zu Clustern aus Ihrer kubeconfig ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Revision:</translation>
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
        <source>%1 (no commits yet)</source>
        <translation>%1 (noch keine Commits)</translation>
    </message>
    <message>
        <source>detached at %1</source>
        <translation>losgelöst bei %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>No apps listed</source>
        <translation>Keine Apps aufgeführt</translation>
    </message>
    <message>
        <source>%1 is open. Discovering apps and reading their manifests from git is not available in this version yet, so no resources are listed.</source>
        <translation>%1 ist geöffnet. Apps zu finden und ihre Manifeste aus Git zu lesen ist in dieser Version noch nicht verfügbar, daher werden keine Ressourcen aufgeführt.</translation>
    </message>
    <message>
        <source>Nothing to compare</source>
        <translation>Nichts zu vergleichen</translation>
    </message>
    <message>
        <source>Comparing desired with live state needs apps from the repository and a cluster context; neither is available in this version yet.</source>
        <translation>Der Vergleich von Soll- und Istzustand braucht Apps aus dem Repository und einen Cluster-Kontext; beides ist in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation>Repository öffnen …</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
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
</context>
<context>
    <name>gitops::MessageBanner</name>
    <message>
        <source>Close this message (Esc)</source>
        <translation>Diese Meldung schließen (Esc)</translation>
    </message>
</context>
</TS>
