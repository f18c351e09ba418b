<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>gitops::AuditView</name>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Pull request</source>
        <translation>Pull-Request</translation>
    </message>
    <message>
        <source>Controller sync</source>
        <translation>Controller-Sync</translation>
    </message>
    <message>
        <source>Direct write</source>
        <translation>Direktes Schreiben</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Log</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Akteur</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Was sich änderte</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>(app %1)</source>
        <translation>(App %1)</translation>
    </message>
    <message>
        <source>Select an event to see its evidence.</source>
        <translation>Ein Ereignis auswählen, um seinen Beleg zu sehen.</translation>
    </message>
    <message>
        <source>Audit Log &amp;File…</source>
        <translation>Audit-Log-&amp;Datei…</translation>
    </message>
    <message>
        <source>Join the writes a Kubernetes audit log file records (audit.k8s.io/v1, one JSON object a line)</source>
        <translation>Die Schreibzugriffe einer Kubernetes-Audit-Log-Datei einbeziehen (audit.k8s.io/v1, ein JSON-Objekt je Zeile)</translation>
    </message>
    <message>
        <source>&amp;Read Again</source>
        <translation>Erneut &amp;lesen</translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation>Als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>Als &amp;JSON exportieren…</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>Only the events of one actor</source>
        <translation>Nur die Ereignisse eines Akteurs</translation>
    </message>
    <message>
        <source>Only the events of one source</source>
        <translation>Nur die Ereignisse einer Quelle</translation>
    </message>
    <message>
        <source>Every source</source>
        <translation>Jede Quelle</translation>
    </message>
    <message>
        <source>Only the events of one kind of resource</source>
        <translation>Nur die Ereignisse einer Ressourcenart</translation>
    </message>
    <message>
        <source>Whether the change went through review</source>
        <translation>Ob die Änderung geprüft wurde</translation>
    </message>
    <message>
        <source>Reviewed or not</source>
        <translation>Geprüft oder nicht</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Review unknown</source>
        <translation>Prüfung unbekannt</translation>
    </message>
    <message>
        <source>Filter by actor, resource, field, summary…</source>
        <translation>Nach Akteur, Ressource, Feld, Zusammenfassung filtern…</translation>
    </message>
    <message>
        <source>Audit Log: %1</source>
        <translation>Audit-Protokoll: %1</translation>
    </message>
    <message>
        <source>Who changed %1, when and how</source>
        <translation>Wer %1 geändert hat, wann und wie</translation>
    </message>
    <message>
        <source>Who changed %1, when and how (with the audit log %2)</source>
        <translation>Wer %1 geändert hat, wann und wie (mit dem Audit-Log %2)</translation>
    </message>
    <message>
        <source>The workspace has no app %1.</source>
        <translation>Der Arbeitsbereich hat keine App %1.</translation>
    </message>
    <message>
        <source>Reading the cluster&apos;s Events and app definitions…</source>
        <translation>Events und App-Definitionen des Clusters werden gelesen…</translation>
    </message>
    <message>
        <source>No repository is open.</source>
        <translation>Kein Repository ist geöffnet.</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Der Verlauf wird gelesen…</translation>
    </message>
    <message>
        <source>Reading the history and the audit log file…</source>
        <translation>Verlauf und Audit-Log-Datei werden gelesen…</translation>
    </message>
    <message>
        <source>Reading the history was cancelled.</source>
        <translation>Das Lesen des Verlaufs wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Asking the forge which commits were reviewed…</source>
        <translation>Die Forge wird gefragt, welche Commits geprüft wurden…</translation>
    </message>
    <message>
        <source>Joining the sources…</source>
        <translation>Die Quellen werden zusammengeführt…</translation>
    </message>
    <message>
        <source>The audit log could not be built: %1</source>
        <translation>Das Audit-Protokoll konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <source>Every actor</source>
        <translation>Jeder Akteur</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>Jede Art</translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 von %2 Ereignissen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>About the actor</source>
        <translation>Zum Akteur</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Beleg</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>Export as JSON</source>
        <translation>Als JSON exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 was not written: %2</source>
        <translation>%1 wurde nicht geschrieben: %2</translation>
    </message>
    <message>
        <source>Kubernetes Audit Log File</source>
        <translation>Kubernetes-Audit-Log-Datei</translation>
    </message>
    <message>
        <source>%1, field %2</source>
        <translation>%1, Feld %2</translation>
    </message>
    <message>
        <source>Only %1 (and the app&apos;s own events); click to show every resource&apos;s events again</source>
        <translation>Nur %1 (und die Ereignisse der App selbst); klicken, um wieder die Ereignisse aller Ressourcen zu zeigen</translation>
    </message>
    <message>
        <source>The event names no commit.</source>
        <translation>Das Ereignis nennt keinen Commit.</translation>
    </message>
    <message>
        <source>The app %1 is not in the workspace.</source>
        <translation>Die App %1 ist nicht im Arbeitsbereich.</translation>
    </message>
</context>
<context>
    <name>gitops::ChangePreview</name>
    <message>
        <source>After the change: %1 rendered by kustomize with the change&apos;s files.</source>
        <translation>Nach der Änderung: %1 von kustomize mit den Dateien der Änderung gerendert.</translation>
    </message>
    <message>
        <source>not known: Helm charts are not rendered</source>
        <translation>nicht bekannt: Helm-Charts werden nicht gerendert</translation>
    </message>
    <message>
        <source>%1 is a Helm chart: the console does not render it, so what the change does to its resources is not known.</source>
        <translation>%1 ist ein Helm-Chart: Die Konsole rendert es nicht, daher ist nicht bekannt, was die Änderung an seinen Ressourcen bewirkt.</translation>
    </message>
    <message>
        <source>%1 is rendered by kustomize: the verdict after the change waits for its render.</source>
        <translation>%1 wird von kustomize gerendert: Das Urteil nach der Änderung wartet auf das Rendern.</translation>
    </message>
    <message>
        <source>%1 did not render with the change: %2</source>
        <translation>%1 ließ sich mit der Änderung nicht rendern: %2</translation>
    </message>
    <message>
        <source>%1 does not parse at line %2: %3</source>
        <translation>%1 lässt sich in Zeile %2 nicht parsen: %3</translation>
    </message>
    <message>
        <source>no YAML document of %1 starts at line %2</source>
        <translation>in Zeile %2 beginnt kein YAML-Dokument von %1</translation>
    </message>
    <message>
        <source>%1 is not the object at line %2 of %3 as written (an item of a List, or renamed by kustomize), which the console does not edit yet</source>
        <translation>%1 ist nicht das Objekt, wie es in Zeile %2 von %3 steht (ein Eintrag einer List oder von kustomize umbenannt); solche bearbeitet die Console noch nicht</translation>
    </message>
    <message>
        <source>The app %1 is not read yet: no verdict against live.</source>
        <translation>Die App %1 ist noch nicht gelesen: kein Urteil gegenüber dem Cluster.</translation>
    </message>
</context>
<context>
    <name>gitops::ChangeRequests</name>
    <message>
        <source>%1 is a Helm chart, which the console does not render: the diff above still shows git&apos;s revision; the review shows the file diff.</source>
        <translation>%1 ist ein Helm-Chart, das die Konsole nicht rendert: Der Vergleich oben zeigt weiter die Revision aus Git; die Prüfung zeigt den Datei-Diff.</translation>
    </message>
    <message>
        <source>%1 wrote it through the scale subresource: an autoscaler (HorizontalPodAutoscaler) owns this field, and git would fight it</source>
        <translation>%1 hat es über die scale-Subresource geschrieben: Ein Autoscaler (HorizontalPodAutoscaler) verwaltet dieses Feld, und Git würde gegen ihn arbeiten</translation>
    </message>
    <message>
        <source>Edit in Git</source>
        <translation>In Git bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>Ä&amp;nderung</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Take Live Value into Git</source>
        <translation>Ist-&amp;Wert in Git übernehmen</translation>
    </message>
    <message>
        <source>Write the live value of the selected differences into the resource&apos;s file in git, as a pending change</source>
        <translation>Den Ist-Wert der gewählten Unterschiede als ausstehende Änderung in die Datei der Ressource in Git schreiben</translation>
    </message>
    <message>
        <source>Take All Live Values of the &amp;Resource into Git</source>
        <translation>Alle Ist-Werte der &amp;Ressource in Git übernehmen</translation>
    </message>
    <message>
        <source>Write every drifted field of the selected resource into its file in git</source>
        <translation>Jedes abweichende Feld der gewählten Ressource in ihre Datei in Git schreiben</translation>
    </message>
    <message>
        <source>&amp;Edit Source in Git</source>
        <translation>&amp;Quelle in Git bearbeiten</translation>
    </message>
    <message>
        <source>Edit the file that defines the selected resource</source>
        <translation>Die Datei bearbeiten, die die gewählte Ressource definiert</translation>
    </message>
    <message>
        <source>Re&amp;view Change…</source>
        <translation>Änderung &amp;prüfen …</translation>
    </message>
    <message>
        <source>Review the pending change and open its pull request</source>
        <translation>Die ausstehende Änderung prüfen und ihren Pull-Request öffnen</translation>
    </message>
    <message>
        <source>&amp;Discard Change</source>
        <translation>Änderung &amp;verwerfen</translation>
    </message>
    <message>
        <source>Drop every edit of the pending change (Undo brings it back)</source>
        <translation>Alle Bearbeitungen der ausstehenden Änderung verwerfen (Rückgängig holt sie zurück)</translation>
    </message>
    <message>
        <source>&amp;Submitted Changes</source>
        <translation>&amp;Eingereichte Änderungen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the submission; submitting again finishes it on the same branch and pull request</source>
        <translation>Das Einreichen abbrechen; erneutes Einreichen schließt es auf demselben Branch und Pull-Request ab</translation>
    </message>
    <message>
        <source>Select a resource first.</source>
        <translation>Wählen Sie zuerst eine Ressource.</translation>
    </message>
    <message>
        <source>The app %1 is being read again; try again once it is shown.</source>
        <translation>Die App %1 wird neu eingelesen; versuchen Sie es erneut, sobald sie angezeigt wird.</translation>
    </message>
    <message>
        <source>No repository is open.</source>
        <translation>Kein Repository ist geöffnet.</translation>
    </message>
    <message>
        <source>%1 is not in revision %2</source>
        <translation>%1 ist nicht in Revision %2</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 has no drifted field to take into git.</source>
        <translation>%1 hat kein abweichendes Feld, das in Git übernommen werden könnte.</translation>
    </message>
    <message>
        <source>Not taken into git: %1</source>
        <translation>Nicht in Git übernommen: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Take a Live Value into Git</source>
        <translation>Übernahme eines Ist-Werts in Git</translation>
    </message>
    <message>
        <source>Take %1 Live Values into Git</source>
        <translation>Übernahme von %1 Ist-Werten in Git</translation>
    </message>
    <message>
        <source>%1: live values taken into %2 (pending change)</source>
        <translation>%1: Ist-Werte in %2 übernommen (ausstehende Änderung)</translation>
    </message>
    <message>
        <source>Not taken into git:</source>
        <translation>Nicht in Git übernommen:</translation>
    </message>
    <message>
        <source>%1: edited by hand</source>
        <translation>%1: von Hand bearbeitet</translation>
    </message>
    <message>
        <source>Typing in %1</source>
        <translation>Eingabe in %1</translation>
    </message>
    <message>
        <source>Revert %1</source>
        <translation>Zurücksetzen von %1</translation>
    </message>
    <message>
        <source>Discard Change</source>
        <translation>Verwerfen der Änderung</translation>
    </message>
    <message>
        <source>Pending change: 1 file</source>
        <translation>Ausstehende Änderung: 1 Datei</translation>
    </message>
    <message>
        <source>Pending change: %1 files</source>
        <translation>Ausstehende Änderung: %1 Dateien</translation>
    </message>
    <message>
        <source>There is no pending change to review: take a live value into git or edit a resource&apos;s source first.</source>
        <translation>Es gibt keine ausstehende Änderung zu prüfen: Übernehmen Sie zuerst einen Ist-Wert in Git oder bearbeiten Sie die Quelle einer Ressource.</translation>
    </message>
    <message>
        <source>The branch %1&apos;s controller follows (its targetRevision)</source>
        <translation>Der Branch, dem der Controller von %1 folgt (seine targetRevision)</translation>
    </message>
    <message>
        <source>The app names no branch it follows: the remote&apos;s default branch</source>
        <translation>Die App nennt keinen Branch, dem sie folgt: der Standard-Branch des Remotes</translation>
    </message>
    <message>
        <source>Submitting the change: %1</source>
        <translation>Änderung wird eingereicht: %1</translation>
    </message>
    <message>
        <source>Submitting the change…</source>
        <translation>Änderung wird eingereicht …</translation>
    </message>
    <message>
        <source>Submission cancelled; the change is still pending.</source>
        <translation>Einreichen abgebrochen; die Änderung steht weiter aus.</translation>
    </message>
    <message>
        <source>Submitting failed: %1</source>
        <translation>Einreichen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Pull request #%1</source>
        <translation>Pull-Request #%1</translation>
    </message>
    <message>
        <source>Submitted: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>Eingereicht: &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Branch %1</source>
        <translation>Branch %1</translation>
    </message>
    <message>
        <source>Submitted: branch %1 pushed</source>
        <translation>Eingereicht: Branch %1 gepusht</translation>
    </message>
    <message>
        <source>A change is pending already: submit or discard it first.</source>
        <translation>Es gibt schon eine ausstehende Änderung: Reichen Sie sie zuerst ein oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>%1: as at %2</source>
        <translation>%1: wie in %2</translation>
    </message>
    <message>
        <source>The app&apos;s files could not be read: %1</source>
        <translation>Die Dateien der App konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Add the Live Object to Git</source>
        <translation>Ist-&amp;Objekt zu Git hinzufügen</translation>
    </message>
    <message>
        <source>Write the selected resource, which only the cluster has, into a new file of its app&apos;s folder in git</source>
        <translation>Die gewählte Ressource, die nur der Cluster hat, in eine neue Datei im Ordner ihrer App in Git schreiben</translation>
    </message>
    <message>
        <source>%1 is not in git; Add the Live Object to Git writes it into a new file.</source>
        <translation>%1 ist nicht in Git; „Ist-Objekt zu Git hinzufügen“ schreibt es in eine neue Datei.</translation>
    </message>
    <message>
        <source>%1 is not in git.</source>
        <translation>%1 ist nicht in Git.</translation>
    </message>
    <message>
        <source>%1 is in git already: take its live values instead.</source>
        <translation>%1 ist schon in Git: Übernehmen Sie stattdessen seine Ist-Werte.</translation>
    </message>
    <message>
        <source>The app&apos;s folder could not be read: %1</source>
        <translation>Der Ordner der App konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 gave nothing to write</source>
        <translation>%1 ergab nichts zu schreiben</translation>
    </message>
    <message>
        <source>Add %1 to Git</source>
        <translation>%1 zu Git hinzufügen</translation>
    </message>
    <message>
        <source>%1 added to git in %2 (pending change)</source>
        <translation>%1 in %2 zu Git hinzugefügt (ausstehende Änderung)</translation>
    </message>
</context>
<context>
    <name>gitops::ChangeReviewDialog</name>
    <message>
        <source>no repository is open to read the app&apos;s other files from</source>
        <translation>kein Repository ist geöffnet, aus dem die übrigen Dateien der App gelesen werden könnten</translation>
    </message>
    <message>
        <source>the chart&apos;s resources</source>
        <translation>die Ressourcen des Charts</translation>
    </message>
    <message>
        <source>the files of %1 could not be copied: %2</source>
        <translation>die Dateien von %1 ließen sich nicht kopieren: %2</translation>
    </message>
    <message>
        <source>fetching the target branch</source>
        <translation>Abrufen des Ziel-Branchs</translation>
    </message>
    <message>
        <source>committing</source>
        <translation>Committen</translation>
    </message>
    <message>
        <source>pushing the branch</source>
        <translation>Pushen des Branchs</translation>
    </message>
    <message>
        <source>opening the pull request</source>
        <translation>Öffnen des Pull-Requests</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Open as a &amp;draft pull request</source>
        <translation>Als Entwur&amp;f-Pull-Request öffnen</translation>
    </message>
    <message>
        <source>Open a &amp;pull request (else push the branch only)</source>
        <translation>&amp;Pull-Request öffnen (sonst nur den Branch pushen)</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Einreichen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Review Change</source>
        <translation>Änderung prüfen</translation>
    </message>
    <message>
        <source>At the revision</source>
        <translation>In der Revision</translation>
    </message>
    <message>
        <source>After the change</source>
        <translation>Nach der Änderung</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>&amp;Unified Diff</source>
        <translation>&amp;Unified Diff</translation>
    </message>
    <message>
        <source>Side &amp;by Side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>the remote&apos;s default branch</source>
        <translation>der Standard-Branch des Remotes</translation>
    </message>
    <message>
        <source>comma-separated, where the forge has labels</source>
        <translation>durch Kommas getrennt, wo die Forge Labels kennt</translation>
    </message>
    <message>
        <source>comma-separated logins</source>
        <translation>Logins, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>&amp;Target branch:</source>
        <translation>&amp;Ziel-Branch:</translation>
    </message>
    <message>
        <source>&amp;Branch:</source>
        <translation>&amp;Branch:</translation>
    </message>
    <message>
        <source>T&amp;itle:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>Beschreibun&amp;g:</translation>
    </message>
    <message>
        <source>&amp;Labels:</source>
        <translation>&amp;Labels:</translation>
    </message>
    <message>
        <source>Revie&amp;wers:</source>
        <translation>Re&amp;viewer:</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 bei %2</translation>
    </message>
    <message>
        <source>%1 after the change</source>
        <translation>%1 nach der Änderung</translation>
    </message>
    <message>
        <source>%1: take live %2 into git</source>
        <translation>%1: Ist-Wert von %2 in Git übernehmen</translation>
    </message>
    <message>
        <source>%1: edit %2</source>
        <translation>%1: %2 bearbeiten</translation>
    </message>
    <message>
        <source>App: %1</source>
        <translation>App: %1</translation>
    </message>
    <message>
        <source>Resources:</source>
        <translation>Ressourcen:</translation>
    </message>
    <message>
        <source>- %1 (%2)</source>
        <translation>- %1 (%2)</translation>
    </message>
    <message>
        <source>- %1</source>
        <translation>- %1</translation>
    </message>
    <message>
        <source>Fields:</source>
        <translation>Felder:</translation>
    </message>
    <message>
        <source>Made with GitOps Console: the live values were read from the cluster of context %1 and written into the files as text edits (comments and layout kept).</source>
        <translation>Erstellt mit GitOps Console: Die Ist-Werte wurden aus dem Cluster des Kontexts %1 gelesen und als Textbearbeitungen in die Dateien geschrieben (Kommentare und Layout bleiben erhalten).</translation>
    </message>
    <message>
        <source>Made with GitOps Console: the files were edited in its manifest editor.</source>
        <translation>Erstellt mit GitOps Console: Die Dateien wurden in ihrem Manifest-Editor bearbeitet.</translation>
    </message>
    <message>
        <source>Cancel Submission</source>
        <translation>Einreichen abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>Wird eingereicht …</translation>
    </message>
    <message>
        <source>Cancelled. Submit again to finish it: it lands on the same branch and pull request.</source>
        <translation>Abgebrochen. Reichen Sie erneut ein, um es abzuschließen: Es landet auf demselben Branch und Pull-Request.</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>preparing the change</source>
        <translation>Vorbereiten der Änderung</translation>
    </message>
    <message>
        <source>&lt;b&gt;Failed while %1:&lt;/b&gt; %2&lt;br&gt;Retry lands on the same branch and pull request.</source>
        <translation>&lt;b&gt;Fehlgeschlagen beim %1:&lt;/b&gt; %2&lt;br&gt;Ein erneuter Versuch landet auf demselben Branch und Pull-Request.</translation>
    </message>
    <message>
        <source>Pull request #%1 opened: %2</source>
        <translation>Pull-Request #%1 geöffnet: %2</translation>
    </message>
    <message>
        <source>Pull request #%1 updated: %2</source>
        <translation>Pull-Request #%1 aktualisiert: %2</translation>
    </message>
    <message>
        <source>Branch %1 pushed (commit %2).</source>
        <translation>Branch %1 gepusht (Commit %2).</translation>
    </message>
    <message>
        <source>Open a pull request: %1</source>
        <translation>Einen Pull-Request öffnen: %1</translation>
    </message>
    <message>
        <source>not in git</source>
        <translation>nicht in Git</translation>
    </message>
    <message>
        <source>not computed</source>
        <translation>nicht berechnet</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>(differs in %1)</source>
        <translation>(weicht ab in %1)</translation>
    </message>
    <message>
        <source>Now (git as the edit began, against live): %1</source>
        <translation>Jetzt (Git zu Beginn der Bearbeitung, gegenüber dem Cluster): %1</translation>
    </message>
    <message>
        <source>After the change (against live): %1</source>
        <translation>Nach der Änderung (gegenüber dem Cluster): %1</translation>
    </message>
    <message>
        <source>Against live: now → after</source>
        <translation>Gegenüber dem Cluster: jetzt → danach</translation>
    </message>
    <message>
        <source>- %1 (%2; against live: %3)</source>
        <translation>- %1 (%2; gegenüber dem Cluster: %3)</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Also changes what %1 render (the changed files are among their inputs).</source>
        <translation>Ändert auch, was %1 rendern (die geänderten Dateien gehören zu ihren Eingaben).</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
</context>
<context>
    <name>gitops::ClusterSide</name>
    <message>
        <source>Cannot use context %1: %2</source>
        <translation>Kontext %1 ist nicht nutzbar: %2</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 …</translation>
    </message>
    <message>
        <source>Listing cancelled; refresh (F5) to list the cluster again.</source>
        <translation>Auflisten abgebrochen; Aktualisieren (F5) listet den Cluster erneut.</translation>
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
        <source>the kubeconfig could not be read: %1</source>
        <translation>die kubeconfig konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Argo CD&apos;s health rules in argocd/argocd-cm: %1</source>
        <translation>Die Health-Regeln von Argo CD in argocd/argocd-cm: %1</translation>
    </message>
    <message>
        <source>Not allowed to list %1 in context %2, so the apps are the repository&apos;s own definitions: %3</source>
        <translation>Keine Berechtigung, %1 im Kontext %2 aufzulisten; die Apps sind daher die Definitionen aus dem Repository: %3</translation>
    </message>
</context>
<context>
    <name>gitops::CommitDetailPane</name>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Against live</source>
        <translation>Gegenüber live</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Changes in &amp;Git</source>
        <translation>Änderungen in &amp;Git</translation>
    </message>
    <message>
        <source>Rolling &amp;Back Would Change</source>
        <translation>Rollback &amp;würde ändern</translation>
    </message>
    <message>
        <source>&amp;Message and Files</source>
        <translation>&amp;Nachricht und Dateien</translation>
    </message>
    <message>
        <source>Select a commit.</source>
        <translation>Wählen Sie einen Commit.</translation>
    </message>
    <message>
        <source>Reading commit %1…</source>
        <translation>Commit %1 wird gelesen …</translation>
    </message>
    <message>
        <source>The commit could not be read: %1</source>
        <translation>Der Commit konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The app could not be rendered here: %1</source>
        <translation>Die App konnte hier nicht gerendert werden: %1</translation>
    </message>
    <message>
        <source>Commit %1 changes no rendered resource of the app (only files, comments or layout).</source>
        <translation>Commit %1 ändert keine gerenderte Ressource der App (nur Dateien, Kommentare oder Layout).</translation>
    </message>
    <message>
        <source>Commit %1 changes 1 resource of the app:</source>
        <translation>Commit %1 ändert 1 Ressource der App:</translation>
    </message>
    <message>
        <source>Commit %1 changes %2 resources of the app:</source>
        <translation>Commit %1 ändert %2 Ressourcen der App:</translation>
    </message>
    <message>
        <source>Select a cluster context to see what rolling back would change in it.</source>
        <translation>Wählen Sie einen Cluster-Kontext, um zu sehen, was ein Rollback darin ändern würde.</translation>
    </message>
    <message>
        <source>The app could not be rendered at this commit.</source>
        <translation>Die App konnte bei diesem Commit nicht gerendert werden.</translation>
    </message>
    <message>
        <source>What runs is what commit %1 says: rolling back to it changes nothing in the cluster.</source>
        <translation>Was läuft, ist, was Commit %1 sagt: Ein Rollback darauf ändert nichts im Cluster.</translation>
    </message>
    <message>
        <source>Rolling back to %1 would change 1 resource in the cluster (its desired state on the left, live on the right):</source>
        <translation>Ein Rollback auf %1 würde 1 Ressource im Cluster ändern (sein Sollzustand links, live rechts):</translation>
    </message>
    <message>
        <source>Rolling back to %1 would change %2 resources in the cluster (its desired state on the left, live on the right):</source>
        <translation>Ein Rollback auf %1 würde %2 Ressourcen im Cluster ändern (sein Sollzustand links, live rechts):</translation>
    </message>
    <message>
        <source>Before %1</source>
        <translation>Vor %1</translation>
    </message>
    <message>
        <source>At %1</source>
        <translation>In %1</translation>
    </message>
    <message>
        <source>At %1 (desired after the rollback)</source>
        <translation>In %1 (Sollzustand nach dem Rollback)</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
</context>
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
    <name>gitops::DifferencesModel</name>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>%1 (%2) %3</source>
        <translation>%1 (%2) %3</translation>
    </message>
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
        <translation>Live</translation>
    </message>
    <message>
        <source>Last written by</source>
        <translation>Zuletzt geschrieben von</translation>
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
    <message>
        <source>Desired after your edit (not in git yet)</source>
        <translation>Soll nach Ihrer Bearbeitung (noch nicht in Git)</translation>
    </message>
    <message>
        <source>After your edit: %1</source>
        <translation>Nach Ihrer Bearbeitung: %1</translation>
    </message>
</context>
<context>
    <name>gitops::DriftDescription</name>
    <message>
        <source>&lt;b&gt;Not compared&lt;/b&gt;</source>
        <translation>&lt;b&gt;Nicht verglichen&lt;/b&gt;</translation>
    </message>
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
    <message>
        <source>Extraneous: in the cluster and tracked by the app, not in git. The live object is shown whole; Change › Add the Live Object to Git writes it into a new file.</source>
        <translation>Überzählig: im Cluster und der App zugeordnet, nicht in Git. Das Ist-Objekt wird ganz gezeigt; „Änderung › Ist-Objekt zu Git hinzufügen“ schreibt es in eine neue Datei.</translation>
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
    <message>
        <source>The controller agrees: %1</source>
        <translation>Der Controller stimmt zu: %1</translation>
    </message>
    <message>
        <source>Controller</source>
        <translation>Controller</translation>
    </message>
    <message>
        <source>Changed in the pending change request &apos;%1&apos;</source>
        <translation>Geändert in der ausstehenden Änderungsanfrage „%1“</translation>
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
    <name>gitops::ForgeTokenDialog</name>
    <message>
        <source>Store it in the system &amp;keychain</source>
        <translation>Im System-&amp;Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>&amp;Use it until GitOps Console quits; store it nowhere</source>
        <translation>&amp;Nur bis GitOps Console beendet wird verwenden; nirgends speichern</translation>
    </message>
    <message>
        <source>Forge Token</source>
        <translation>Forge-Token</translation>
    </message>
    <message>
        <source>The branch is pushed. To open its pull request, GitOps Console needs a token for &lt;b&gt;%1&lt;/b&gt; (%2). %3</source>
        <translation>Der Branch ist gepusht. Um seinen Pull Request zu öffnen, braucht GitOps Console ein Token für &lt;b&gt;%1&lt;/b&gt; (%2). %3</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Token for %1</source>
        <translation>Token für %1</translation>
    </message>
    <message>
        <source>Use Token</source>
        <translation>Token verwenden</translation>
    </message>
    <message>
        <source>A classic token needs the repo scope; a fine-grained one, read and write access to pull requests and contents.</source>
        <translation>Ein klassisches Token braucht den Scope repo; ein feingranulares Lese- und Schreibzugriff auf Pull Requests und Inhalte.</translation>
    </message>
    <message>
        <source>It needs the api scope.</source>
        <translation>Es braucht den Scope api.</translation>
    </message>
    <message>
        <source>It needs the write:repository scope.</source>
        <translation>Es braucht den Scope write:repository.</translation>
    </message>
    <message>
        <source>Storing the token in the keychain…</source>
        <translation>Das Token wird im Schlüsselbund gespeichert …</translation>
    </message>
    <message>
        <source>The keychain did not take the token: %1. Choose “Use Token” again to use it until GitOps Console quits.</source>
        <translation>Der Schlüsselbund hat das Token nicht angenommen: %1. Wählen Sie erneut „Token verwenden“, um es bis zum Beenden von GitOps Console zu verwenden.</translation>
    </message>
    <message>
        <source>Git&apos;s credential helpers have nothing for &lt;b&gt;%1&lt;/b&gt;. To fetch and push the change&apos;s branch and open its pull request, GitOps Console can use a token for %1 (%2). %3</source>
        <translation>Die Credential-Helper von git haben nichts für &lt;b&gt;%1&lt;/b&gt;. Um den Branch der Änderung zu holen, zu pushen und seinen Pull Request zu öffnen, kann GitOps Console ein Token für %1 (%2) verwenden. %3</translation>
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
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Pending Change</source>
        <translation>Ausstehende Änderung</translation>
    </message>
    <message>
        <source>The pending change to %1 is not submitted.</source>
        <translation>Die ausstehende Änderung an %1 ist nicht eingereicht.</translation>
    </message>
    <message>
        <source>Close the window and discard it, or cancel and review it (Change › Review Change…).</source>
        <translation>Schließen Sie das Fenster und verwerfen Sie sie, oder brechen Sie ab und prüfen Sie sie (Änderung › Änderung prüfen …).</translation>
    </message>
    <message>
        <source>The selected app&apos;s commits, the one the cluster runs, and rollback</source>
        <translation>Die Commits der gewählten App, der im Cluster laufende und Rollback</translation>
    </message>
    <message>
        <source>Open a workspace with an app to see its history.</source>
        <translation>Öffnen Sie einen Arbeitsbereich mit einer App, um ihren Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>&amp;Audit Log…</source>
        <translation>Audit-&amp;Protokoll…</translation>
    </message>
    <message>
        <source>Who changed the selected app&apos;s resources, when, through which path, and whether it was reviewed</source>
        <translation>Wer die Ressourcen der gewählten App geändert hat, wann, auf welchem Weg und ob es geprüft wurde</translation>
    </message>
    <message>
        <source>The audit log of the selected difference&apos;s field: who wrote it, when and how</source>
        <translation>Das Audit-Protokoll des Felds der gewählten Abweichung: wer es schrieb, wann und wie</translation>
    </message>
    <message>
        <source>W&amp;ho Changed This?</source>
        <translation>&amp;Wer hat das geändert?</translation>
    </message>
    <message>
        <source>App H&amp;istory…</source>
        <translation>App-&amp;Verlauf …</translation>
    </message>
</context>
<context>
    <name>gitops::ManifestEditPane</name>
    <message>
        <source>Copying the files of %1 to render your edit with kustomize…</source>
        <translation>Die Dateien von %1 werden kopiert, um Ihre Bearbeitung mit kustomize zu rendern …</translation>
    </message>
    <message>
        <source>the files of %1 could not be copied: %2</source>
        <translation>die Dateien von %1 ließen sich nicht kopieren: %2</translation>
    </message>
    <message>
        <source>Your edit does not render: %1 — the diff shows the last render that worked.</source>
        <translation>Ihre Bearbeitung lässt sich nicht rendern: %1 – der Vergleich zeigt das letzte gelungene Rendern.</translation>
    </message>
    <message>
        <source>With your edit, %1 no longer renders %2.</source>
        <translation>Mit Ihrer Bearbeitung rendert %1 %2 nicht mehr.</translation>
    </message>
    <message>
        <source>After your edit, as kustomize renders %1: %2</source>
        <translation>Nach Ihrer Bearbeitung, wie kustomize %1 rendert: %2</translation>
    </message>
    <message>
        <source>The files of the pending change</source>
        <translation>Die Dateien der ausstehenden Änderung</translation>
    </message>
    <message>
        <source>Revert File</source>
        <translation>Datei zurücksetzen</translation>
    </message>
    <message>
        <source>Drop your edits of this file: back to its bytes at the revision</source>
        <translation>Ihre Bearbeitungen dieser Datei verwerfen: zurück zu ihrem Inhalt in der Revision</translation>
    </message>
    <message>
        <source>Choose Change › Edit Source in Git on a resource to edit its file here.</source>
        <translation>Wählen Sie bei einer Ressource Änderung › Quelle in Git bearbeiten, um ihre Datei hier zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1 at %2 (app %3)</source>
        <translation>%1 bei %2 (App %3)</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3 — the diff shows the last text that parsed.</source>
        <translation>Zeile %1, Spalte %2: %3 – der Diff zeigt den letzten Text, der sich parsen ließ.</translation>
    </message>
    <message>
        <source>The file parses.</source>
        <translation>Die Datei lässt sich parsen.</translation>
    </message>
    <message>
        <source>The edited file no longer defines %1.</source>
        <translation>Die bearbeitete Datei definiert %1 nicht mehr.</translation>
    </message>
    <message>
        <source>After your edit: %1</source>
        <translation>Nach Ihrer Bearbeitung: %1</translation>
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
    <name>gitops::Text</name>
    <message>
        <source>must be text or a list of text</source>
        <translation>muss Text oder eine Liste von Texten sein</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>muss Text sein</translation>
    </message>
    <message>
        <source>an app needs a name</source>
        <translation>eine App braucht einen Namen</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss true oder false sein</translation>
    </message>
    <message>
        <source>tracking by label needs a label</source>
        <translation>Tracking per Label braucht ein Label</translation>
    </message>
    <message>
        <source>each app must be a map</source>
        <translation>jede App muss eine Map sein</translation>
    </message>
    <message>
        <source>unknown field “%1”</source>
        <translation>unbekanntes Feld „%1“</translation>
    </message>
    <message>
        <source>app “%1” needs a path</source>
        <translation>App „%1“ braucht einen Pfad</translation>
    </message>
    <message>
        <source>path “%1” must stay inside the repository</source>
        <translation>Pfad „%1“ muss innerhalb des Repositorys bleiben</translation>
    </message>
    <message>
        <source>unknown tracking method “%1” (argocd, flux or label)</source>
        <translation>unbekannte Tracking-Methode „%1“ (argocd, flux oder label)</translation>
    </message>
    <message>
        <source>two apps are named “%1”</source>
        <translation>zwei Apps heißen „%1“</translation>
    </message>
    <message>
        <source>expected an “apps” list</source>
        <translation>eine „apps“-Liste erwartet</translation>
    </message>
    <message>
        <source>app %1: jqPathExpressions “%2” is not supported (%3); it ignores nothing</source>
        <translation>App %1: jqPathExpressions „%2“ wird nicht unterstützt (%3); sie ignoriert nichts</translation>
    </message>
    <message>
        <source>an ignored difference needs a kind and jsonPointers, jqPathExpressions or managedFieldsManagers</source>
        <translation>eine ignorierte Abweichung braucht ein kind und jsonPointers, jqPathExpressions oder managedFieldsManagers</translation>
    </message>
    <message>
        <source>expected one map with an “apps” list</source>
        <translation>eine Map mit einer „apps“-Liste erwartet</translation>
    </message>
    <message>
        <source>%1: error: %2</source>
        <translation>%1: Fehler: %2</translation>
    </message>
    <message>
        <source>%1: ignored: %2</source>
        <translation>%1: ignoriert: %2</translation>
    </message>
    <message>
        <source>%1: skipped: %2</source>
        <translation>%1: übersprungen: %2</translation>
    </message>
    <message>
        <source>did not find the expected value here</source>
        <translation>hier wurde ein Wert erwartet, aber keiner gefunden</translation>
    </message>
    <message>
        <source>alias to an anchor that is not defined yet</source>
        <translation>Alias auf einen Anker, der noch nicht definiert ist</translation>
    </message>
    <message>
        <source>only text can be a map key</source>
        <translation>nur Text kann der Schlüssel einer Map sein</translation>
    </message>
    <message>
        <source>quoted text is not closed before the end of the file</source>
        <translation>Text in Anführungszeichen ist vor dem Dateiende nicht geschlossen</translation>
    </message>
    <message>
        <source>the document is too large once its aliases are expanded</source>
        <translation>das Dokument ist zu groß, sobald seine Aliase aufgelöst sind</translation>
    </message>
    <message>
        <source>more than one value in a document</source>
        <translation>mehr als ein Wert in einem Dokument</translation>
    </message>
    <message>
        <source>a &lt;&lt; merge key needs maps</source>
        <translation>ein &lt;&lt;-Merge-Schlüssel braucht Maps</translation>
    </message>
    <message>
        <source>the value is not the %1 its tag says it is</source>
        <translation>der Wert ist nicht vom Typ %1, den sein Tag angibt</translation>
    </message>
    <message>
        <source>duplicate key “%1”</source>
        <translation>doppelter Schlüssel „%1“</translation>
    </message>
    <message>
        <source>the value of a &lt;&lt; merge key must be a map or a list of maps</source>
        <translation>der Wert eines &lt;&lt;-Merge-Schlüssels muss eine Map oder eine Liste von Maps sein</translation>
    </message>
    <message>
        <source>YAML directives must have exactly one argument</source>
        <translation>YAML-Direktiven brauchen genau ein Argument</translation>
    </message>
    <message>
        <source>YAML major version too large</source>
        <translation>YAML-Hauptversion zu groß</translation>
    </message>
    <message>
        <source>repeated YAML directive</source>
        <translation>wiederholte YAML-Direktive</translation>
    </message>
    <message>
        <source>TAG directives must have exactly two arguments</source>
        <translation>TAG-Direktiven brauchen genau zwei Argumente</translation>
    </message>
    <message>
        <source>repeated TAG directive</source>
        <translation>wiederholte TAG-Direktive</translation>
    </message>
    <message>
        <source>illegal character found while scanning tag handle</source>
        <translation>unzulässiges Zeichen im Tag-Handle</translation>
    </message>
    <message>
        <source>tag handle with no suffix</source>
        <translation>Tag-Handle ohne Suffix</translation>
    </message>
    <message>
        <source>end of verbatim tag not found</source>
        <translation>Ende des wörtlichen Tags nicht gefunden</translation>
    </message>
    <message>
        <source>end of map not found</source>
        <translation>Ende der Map nicht gefunden</translation>
    </message>
    <message>
        <source>end of map flow not found</source>
        <translation>Ende der Flow-Map nicht gefunden</translation>
    </message>
    <message>
        <source>end of sequence not found</source>
        <translation>Ende der Sequenz nicht gefunden</translation>
    </message>
    <message>
        <source>end of sequence flow not found</source>
        <translation>Ende der Flow-Sequenz nicht gefunden</translation>
    </message>
    <message>
        <source>cannot assign multiple tags to the same node</source>
        <translation>einem Knoten können nicht mehrere Tags zugewiesen werden</translation>
    </message>
    <message>
        <source>cannot assign multiple anchors to the same node</source>
        <translation>einem Knoten können nicht mehrere Anker zugewiesen werden</translation>
    </message>
    <message>
        <source>cannot assign multiple aliases to the same node</source>
        <translation>einem Knoten können nicht mehrere Aliase zugewiesen werden</translation>
    </message>
    <message>
        <source>aliases can&apos;t have any content, *including* tags</source>
        <translation>Aliase können keinen Inhalt haben, *auch* keine Tags</translation>
    </message>
    <message>
        <source>bad character found while scanning hex number</source>
        <translation>ungültiges Zeichen in einer Hexadezimalzahl</translation>
    </message>
    <message>
        <source>unknown token</source>
        <translation>unbekanntes Token</translation>
    </message>
    <message>
        <source>illegal document indicator in scalar</source>
        <translation>unzulässige Dokumentmarke in einem Skalar</translation>
    </message>
    <message>
        <source>illegal EOF in scalar</source>
        <translation>unerwartetes Dateiende in einem Skalar</translation>
    </message>
    <message>
        <source>illegal character in scalar</source>
        <translation>unzulässiges Zeichen in einem Skalar</translation>
    </message>
    <message>
        <source>illegal tab when looking for indentation</source>
        <translation>unzulässiger Tabulator in der Einrückung</translation>
    </message>
    <message>
        <source>illegal flow end</source>
        <translation>unzulässiges Flow-Ende</translation>
    </message>
    <message>
        <source>illegal block entry</source>
        <translation>unzulässiger Block-Eintrag</translation>
    </message>
    <message>
        <source>illegal map key</source>
        <translation>unzulässiger Map-Schlüssel</translation>
    </message>
    <message>
        <source>illegal map value</source>
        <translation>unzulässiger Map-Wert</translation>
    </message>
    <message>
        <source>alias not found after *</source>
        <translation>kein Alias nach *</translation>
    </message>
    <message>
        <source>anchor not found after &amp;</source>
        <translation>kein Anker nach &amp;</translation>
    </message>
    <message>
        <source>illegal character found while scanning alias</source>
        <translation>unzulässiges Zeichen in einem Alias</translation>
    </message>
    <message>
        <source>illegal character found while scanning anchor</source>
        <translation>unzulässiges Zeichen in einem Anker</translation>
    </message>
    <message>
        <source>cannot set zero indentation for a block scalar</source>
        <translation>ein Block-Skalar kann keine Einrückung von null haben</translation>
    </message>
    <message>
        <source>unexpected character in block scalar</source>
        <translation>unerwartetes Zeichen in einem Block-Skalar</translation>
    </message>
    <message>
        <source>cannot assign the same alias to multiple nodes</source>
        <translation>derselbe Alias kann nicht mehreren Knoten zugewiesen werden</translation>
    </message>
    <message>
        <source>invalid character in single-quoted string</source>
        <translation>ungültiges Zeichen in Text in einfachen Anführungszeichen</translation>
    </message>
    <message>
        <source>bad YAML version: %1</source>
        <translation>ungültige YAML-Version: %1</translation>
    </message>
    <message>
        <source>invalid unicode: %1</source>
        <translation>ungültiges Unicode: %1</translation>
    </message>
    <message>
        <source>unknown escape character: %1</source>
        <translation>unbekanntes Escape-Zeichen: %1</translation>
    </message>
    <message>
        <source>the referenced anchor is not defined: %1</source>
        <translation>der verwiesene Anker ist nicht definiert: %1</translation>
    </message>
    <message>
        <source>%1 is not a Kubernetes object (not a map)</source>
        <translation>%1 ist kein Kubernetes-Objekt (keine Map)</translation>
    </message>
    <message>
        <source>%1 has no apiVersion or kind</source>
        <translation>%1 hat kein apiVersion oder kind</translation>
    </message>
    <message>
        <source>item %1 of the %2</source>
        <translation>Eintrag %1 der %2</translation>
    </message>
    <message>
        <source>document %1</source>
        <translation>Dokument %1</translation>
    </message>
    <message>
        <source>%1 (%2) has neither metadata.name nor metadata.generateName</source>
        <translation>%1 (%2) hat weder metadata.name noch metadata.generateName</translation>
    </message>
    <message>
        <source>cannot render the kustomization: neither “kustomize” nor “kubectl” was found on PATH; install one of them</source>
        <translation>die Kustomization kann nicht gerendert werden: weder „kustomize“ noch „kubectl“ wurde im PATH gefunden; installieren Sie eines davon</translation>
    </message>
    <message>
        <source>%1 did not start: %2</source>
        <translation>%1 ist nicht gestartet: %2</translation>
    </message>
    <message>
        <source>%1 was stopped</source>
        <translation>%1 wurde angehalten</translation>
    </message>
    <message>
        <source>%1 did not finish within two minutes</source>
        <translation>%1 ist nicht innerhalb von zwei Minuten fertig geworden</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>larger than 5 MB (%1 bytes); not read</source>
        <translation>größer als 5 MB (%1 Bytes); nicht gelesen</translation>
    </message>
    <message>
        <source>binary content; not read</source>
        <translation>binärer Inhalt; nicht gelesen</translation>
    </message>
    <message>
        <source>cannot make a temporary folder: %1</source>
        <translation>kann keinen temporären Ordner anlegen: %1</translation>
    </message>
    <message>
        <source>Application %1: kustomize %2 is not supported</source>
        <translation>Application %1: kustomize %2 wird nicht unterstützt</translation>
    </message>
    <message>
        <source>Kustomization %1 sets a name prefix or suffix, images, patches or common metadata, but %2 has no kustomization: they are not applied, and the folder is read as plain manifests</source>
        <translation>Kustomization %1 setzt ein Namenspräfix oder -suffix, Images, Patches oder gemeinsame Metadaten, aber %2 hat keine Kustomization: sie werden nicht angewendet, und der Ordner wird als einfache Manifeste gelesen</translation>
    </message>
    <message>
        <source>Application %1 sets kustomize overrides, but %2 has no kustomization: they are not applied, and the folder is read as plain manifests</source>
        <translation>Application %1 setzt Kustomize-Overrides, aber %2 hat keine Kustomization: sie werden nicht angewendet, und der Ordner wird als einfache Manifeste gelesen</translation>
    </message>
    <message>
        <source>%1 does not exist at this revision</source>
        <translation>%1 gibt es in dieser Revision nicht</translation>
    </message>
    <message>
        <source>%1 is a Helm chart (%2Chart.yaml); Helm charts are not supported yet</source>
        <translation>%1 ist ein Helm-Chart (%2Chart.yaml); Helm-Charts werden noch nicht unterstützt</translation>
    </message>
    <message>
        <source>postBuild.substituteFrom %1/%2 was not read from the cluster (the app is defined in git only, or the object is not there): the variables it defines stay as written (${...}) and show as drift</source>
        <translation>postBuild.substituteFrom %1/%2 wurde nicht aus dem Cluster gelesen (die App ist nur in Git definiert, oder das Objekt ist nicht da): die Variablen, die es definiert, bleiben wie geschrieben (${...}) und erscheinen als Abweichung</translation>
    </message>
    <message>
        <source>%1: postBuild substitution failed: %2</source>
        <translation>%1: postBuild-Ersetzung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>not read (binary or larger than 5 MB)</source>
        <translation>nicht gelesen (binär oder größer als 5 MB)</translation>
    </message>
    <message>
        <source>Application %1: jqPathExpressions “%2” is not supported (%3); it ignores nothing</source>
        <translation>Application %1: jqPathExpressions „%2“ wird nicht unterstützt (%3); sie ignoriert nichts</translation>
    </message>
    <message>
        <source>Application %1: a source from another repository (%2) is not rendered here; its objects are not compared</source>
        <translation>Application %1: eine Quelle aus einem anderen Repository (%2) wird hier nicht gerendert; ihre Objekte werden nicht verglichen</translation>
    </message>
    <message>
        <source>Application %1: the Helm chart %2 %3 from %4 is not rendered here; its objects are not compared</source>
        <translation>Application %1: das Helm-Chart %2 %3 aus %4 wird hier nicht gerendert; seine Objekte werden nicht verglichen</translation>
    </message>
    <message>
        <source>Application %1 takes this repository without a path (a Helm chart from a registry?); not read</source>
        <translation>Application %1 nimmt dieses Repository ohne Pfad (ein Helm-Chart aus einer Registry?); nicht gelesen</translation>
    </message>
    <message>
        <source>Application %1: this source&apos;s directory options differ from the first source&apos;s; the console reads every path with the first&apos;s</source>
        <translation>Application %1: die Verzeichnisoptionen dieser Quelle weichen von denen der ersten Quelle ab; die Konsole liest jeden Pfad mit denen der ersten</translation>
    </message>
    <message>
        <source>Application %1: jsonnet is not supported; .jsonnet files are not read</source>
        <translation>Application %1: jsonnet wird nicht unterstützt; .jsonnet-Dateien werden nicht gelesen</translation>
    </message>
    <message>
        <source>Application %1 renders with a config management plugin, which the console cannot run; the folder is read as plain manifests</source>
        <translation>Application %1 rendert mit einem Config-Management-Plugin, das die Konsole nicht ausführen kann; der Ordner wird als einfache Manifeste gelesen</translation>
    </message>
    <message>
        <source>app %1: the definition in git is not the one the cluster runs (%2); the cluster&apos;s is used</source>
        <translation>App %1: die Definition in Git ist nicht die, die der Cluster ausführt (%2); die des Clusters wird verwendet</translation>
    </message>
    <message>
        <source>app %1 is defined in git but not in the cluster (not applied yet?)</source>
        <translation>App %1 ist in Git definiert, aber nicht im Cluster (noch nicht angewendet?)</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>status.observedGeneration is %1</source>
        <translation>status.observedGeneration ist %1</translation>
    </message>
    <message>
        <source>no status.observedGeneration yet</source>
        <translation>noch kein status.observedGeneration</translation>
    </message>
    <message>
        <source>Waiting for the controller to observe generation %1 (%2)</source>
        <translation>Warte darauf, dass der Controller Generation %1 beobachtet (%2)</translation>
    </message>
    <message>
        <source>Deployment is paused (spec.paused)</source>
        <translation>Deployment ist pausiert (spec.paused)</translation>
    </message>
    <message>
        <source>%1 (spec.progressDeadlineSeconds %2)</source>
        <translation>%1 (spec.progressDeadlineSeconds %2)</translation>
    </message>
    <message>
        <source>Rollout: %1 of %2 replicas updated (status.updatedReplicas)</source>
        <translation>Rollout: %1 von %2 Replikaten aktualisiert (status.updatedReplicas)</translation>
    </message>
    <message>
        <source>Rollout: %1 old replicas pending termination (status.replicas %2, status.updatedReplicas %3)</source>
        <translation>Rollout: %1 alte Replikate warten auf ihr Ende (status.replicas %2, status.updatedReplicas %3)</translation>
    </message>
    <message>
        <source>Rollout: %1 of %2 updated replicas available (status.availableReplicas)</source>
        <translation>Rollout: %1 von %2 aktualisierten Replikaten verfügbar (status.availableReplicas)</translation>
    </message>
    <message>
        <source>%1 of %2 pods ready (status.readyReplicas)</source>
        <translation>%1 von %2 Pods bereit (status.readyReplicas)</translation>
    </message>
    <message>
        <source>Rolling update: %1 of %2 pods updated (status.updatedReplicas, partition %3)</source>
        <translation>Rolling Update: %1 von %2 Pods aktualisiert (status.updatedReplicas, Partition %3)</translation>
    </message>
    <message>
        <source>updateStrategy OnDelete: %1 of %2 pods updated</source>
        <translation>updateStrategy OnDelete: %1 von %2 Pods aktualisiert</translation>
    </message>
    <message>
        <source>Rolling update: %1 pods at revision %2 (status.currentRevision %3)</source>
        <translation>Rolling Update: %1 Pods auf Revision %2 (status.currentRevision %3)</translation>
    </message>
    <message>
        <source>Rollout: %1 of %2 pods updated (status.updatedNumberScheduled)</source>
        <translation>Rollout: %1 von %2 Pods aktualisiert (status.updatedNumberScheduled)</translation>
    </message>
    <message>
        <source>Rollout: %1 of %2 pods available (status.numberAvailable)</source>
        <translation>Rollout: %1 von %2 Pods verfügbar (status.numberAvailable)</translation>
    </message>
    <message>
        <source>%1 of %2 replicas available (status.availableReplicas)</source>
        <translation>%1 von %2 Replikaten verfügbar (status.availableReplicas)</translation>
    </message>
    <message>
        <source>init container %1</source>
        <translation>Init-Container %1</translation>
    </message>
    <message>
        <source>container %1</source>
        <translation>Container %1</translation>
    </message>
    <message>
        <source>status.phase %1</source>
        <translation>status.phase %1</translation>
    </message>
    <message>
        <source>is not set</source>
        <translation>ist nicht gesetzt</translation>
    </message>
    <message>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 waiting: %2</source>
        <translation>%1 wartet: %2</translation>
    </message>
    <message>
        <source>%1 terminated: %2</source>
        <translation>%1 beendet: %2</translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation>%1 läuft</translation>
    </message>
    <message>
        <source>Running until it completes (spec.restartPolicy %1)</source>
        <translation>Läuft bis zum Abschluss (spec.restartPolicy %1)</translation>
    </message>
    <message>
        <source>%1 is not ready; last terminated: %2 (restartCount %3)</source>
        <translation>%1 ist nicht bereit; zuletzt beendet: %2 (restartCount %3)</translation>
    </message>
    <message>
        <source>Waiting for the Ready condition</source>
        <translation>Warte auf die Bedingung Ready</translation>
    </message>
    <message>
        <source>Job is suspended (spec.suspend)</source>
        <translation>Job ist angehalten (spec.suspend)</translation>
    </message>
    <message>
        <source>Job is running (status.active %1)</source>
        <translation>Job läuft (status.active %1)</translation>
    </message>
    <message>
        <source>Job is running</source>
        <translation>Job läuft</translation>
    </message>
    <message>
        <source>CronJob is suspended</source>
        <translation>CronJob ist angehalten</translation>
    </message>
    <message>
        <source>A Job is running</source>
        <translation>Ein Job läuft</translation>
    </message>
    <message>
        <source>Job %1 is running</source>
        <translation>Job %1 läuft</translation>
    </message>
    <message>
        <source>The run scheduled at %1 did not succeed; no run has succeeded yet</source>
        <translation>Der für %1 geplante Lauf war nicht erfolgreich; noch kein Lauf war erfolgreich</translation>
    </message>
    <message>
        <source>The run scheduled at %1 did not succeed; the last success was at %2</source>
        <translation>Der für %1 geplante Lauf war nicht erfolgreich; der letzte Erfolg war um %2</translation>
    </message>
    <message>
        <source>%1 (status.loadBalancer.ingress is empty)</source>
        <translation>%1 (status.loadBalancer.ingress ist leer)</translation>
    </message>
    <message>
        <source>The claim lost its volume (status.phase Lost)</source>
        <translation>Der Claim hat sein Volume verloren (status.phase Lost)</translation>
    </message>
    <message>
        <source>Waiting for a volume (status.phase Pending)</source>
        <translation>Warte auf ein Volume (status.phase Pending)</translation>
    </message>
    <message>
        <source>Waiting for the autoscaler to observe (%1)</source>
        <translation>Warte darauf, dass der Autoscaler beobachtet (%1)</translation>
    </message>
    <message>
        <source>Waiting to autoscale: no AbleToScale=True or ScalingLimited=True condition (%1)</source>
        <translation>Warte auf das Autoscaling: keine Bedingung AbleToScale=True oder ScalingLimited=True (%1)</translation>
    </message>
    <message>
        <source>no %1 annotation</source>
        <translation>keine Annotation %1</translation>
    </message>
    <message>
        <source>The %1 annotation is not a JSON list: %2</source>
        <translation>Die Annotation %1 ist keine JSON-Liste: %2</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>keine Liste</translation>
    </message>
    <message>
        <source>the %1 annotation is empty</source>
        <translation>die Annotation %1 ist leer</translation>
    </message>
    <message>
        <source>no status.conditions yet</source>
        <translation>noch keine status.conditions</translation>
    </message>
    <message>
        <source>Waiting to be processed (no Available condition yet)</source>
        <translation>Warte auf die Verarbeitung (noch keine Bedingung Available)</translation>
    </message>
    <message>
        <source>Waiting for status (no status.conditions)</source>
        <translation>Warte auf den Status (keine status.conditions)</translation>
    </message>
    <message>
        <source>Waiting for Argo CD to judge the Application (no status.health)</source>
        <translation>Warte auf das Urteil von Argo CD über die Application (kein status.health)</translation>
    </message>
    <message>
        <source>status.health.status %1 is not a health</source>
        <translation>status.health.status %1 ist kein Zustand</translation>
    </message>
    <message>
        <source>%1 is suspended (spec.suspend)</source>
        <translation>%1 ist angehalten (spec.suspend)</translation>
    </message>
    <message>
        <source>Waiting for reconciliation (no status.conditions yet)</source>
        <translation>Warte auf den Abgleich (noch keine status.conditions)</translation>
    </message>
    <message>
        <source>no Ready condition</source>
        <translation>keine Bedingung Ready</translation>
    </message>
    <message>
        <source>%1, but no Released=True condition</source>
        <translation>%1, aber keine Bedingung Released=True</translation>
    </message>
    <message>
        <source>%1, but no ArtifactInStorage=True condition</source>
        <translation>%1, aber keine Bedingung ArtifactInStorage=True</translation>
    </message>
    <message>
        <source>No health rule for %1 and no status.conditions: healthy once it exists</source>
        <translation>Keine Zustandsregel für %1 und keine status.conditions: gesund, sobald es existiert</translation>
    </message>
    <message>
        <source>No health rule for %1 and no Ready, Reconciling or Stalled condition: healthy once it exists</source>
        <translation>Keine Zustandsregel für %1 und keine Bedingung Ready, Reconciling oder Stalled: gesund, sobald es existiert</translation>
    </message>
    <message>
        <source>Pending deletion (metadata.deletionTimestamp %1)</source>
        <translation>Löschung ausstehend (metadata.deletionTimestamp %1)</translation>
    </message>
    <message>
        <source>Pending deletion (metadata.deletionTimestamp %1); waiting for finalizers: %2</source>
        <translation>Löschung ausstehend (metadata.deletionTimestamp %1); warte auf Finalizer: %2</translation>
    </message>
    <message>
        <source>not in the cluster</source>
        <translation>nicht im Cluster</translation>
    </message>
    <message>
        <source>Waiting for a load balancer address</source>
        <translation>Warte auf eine Load-Balancer-Adresse</translation>
    </message>
    <message>
        <source>Waiting for an address</source>
        <translation>Warte auf eine Adresse</translation>
    </message>
    <message>
        <source>the error is not a string</source>
        <translation>der Fehler ist kein String</translation>
    </message>
    <message>
        <source>Argo CD health script (%1)</source>
        <translation>Argo-CD-Zustandsskript (%1)</translation>
    </message>
    <message>
        <source>Lua could not start</source>
        <translation>Lua konnte nicht starten</translation>
    </message>
    <message>
        <source>could not prepare the sandbox: %1</source>
        <translation>die Sandbox konnte nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>stopped after %1 instructions, its budget</source>
        <translation>nach %1 Anweisungen angehalten, seinem Budget</translation>
    </message>
    <message>
        <source>stopped after %1 ms, its time limit</source>
        <translation>nach %1 ms angehalten, seinem Zeitlimit</translation>
    </message>
    <message>
        <source>stopped: it needed more than its %1 MiB of memory</source>
        <translation>angehalten: es brauchte mehr als seine %1 MiB Speicher</translation>
    </message>
    <message>
        <source>syntax error: %1</source>
        <translation>Syntaxfehler: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>returned no table with a status</source>
        <translation>gab keine Tabelle mit einem Status zurück</translation>
    </message>
    <message>
        <source>returned the status &quot;%1&quot;, which is not a health</source>
        <translation>gab den Status „%1“ zurück, der kein Zustand ist</translation>
    </message>
    <message>
        <source>returned no status</source>
        <translation>gab keinen Status zurück</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>neither a desired nor a live object</source>
        <translation>weder ein Soll- noch ein Ist-Objekt</translation>
    </message>
    <message>
        <source>defined more than once (again at %1)</source>
        <translation>mehr als einmal definiert (erneut in %1)</translation>
    </message>
    <message>
        <source>only metadata.generateName is set: the live object cannot be matched</source>
        <translation>nur metadata.generateName ist gesetzt: das Ist-Objekt lässt sich nicht zuordnen</translation>
    </message>
    <message>
        <source>argocd-cm %1, line %2: %3</source>
        <translation>argocd-cm %1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>bad substitution in “%1”</source>
        <translation>ungültige Ersetzung in „%1“</translation>
    </message>
    <message>
        <source>postBuild variable “%1” is not a valid name (letters, digits and &apos;_&apos;, not starting with a digit)</source>
        <translation>Die postBuild-Variable „%1“ hat keinen gültigen Namen (Buchstaben, Ziffern und „_“, nicht mit einer Ziffer am Anfang)</translation>
    </message>
    <message>
        <source>bad substitution in a value of the Secret (not shown)</source>
        <translation>ungültige Ersetzung in einem Wert des Secrets (nicht angezeigt)</translation>
    </message>
    <message>
        <source>the Application&apos;s kustomize.%1 sets %2 “%3”, which the kustomization sets already; Argo CD refuses that unless force%4 is true</source>
        <translation>kustomize.%1 der Application setzt %2 „%3“, doch die Kustomization setzt diesen Schlüssel schon; Argo CD lehnt das ab, solange force%4 nicht true ist</translation>
    </message>
    <message>
        <source>the Application&apos;s kustomize.replicas gives %1 the count “%2”, which is not a number</source>
        <translation>kustomize.replicas der Application gibt %1 die Anzahl „%2“, die keine Zahl ist</translation>
    </message>
    <message>
        <source>the label</source>
        <translation>das Label</translation>
    </message>
    <message>
        <source>the annotation</source>
        <translation>die Annotation</translation>
    </message>
    <message>
        <source>the kustomization does not parse: %1</source>
        <translation>die Kustomization lässt sich nicht parsen: %1</translation>
    </message>
    <message>
        <source>expected a list of forges</source>
        <translation>eine Liste von Forges erwartet</translation>
    </message>
    <message>
        <source>each forge must be a map of host, type and api</source>
        <translation>jede Forge muss eine Map aus host, type und api sein</translation>
    </message>
    <message>
        <source>unknown field “%1” (host, type or api)</source>
        <translation>unbekanntes Feld „%1“ (host, type oder api)</translation>
    </message>
    <message>
        <source>a forge needs a host name, without scheme, port or path (git.example.com)</source>
        <translation>eine Forge braucht einen Hostnamen, ohne Schema, Port oder Pfad (git.example.com)</translation>
    </message>
    <message>
        <source>unknown forge type “%1” (github, gitlab, gitea, forgejo or bitbucket)</source>
        <translation>unbekannter Forge-Typ „%1“ (github, gitlab, gitea, forgejo oder bitbucket)</translation>
    </message>
    <message>
        <source>“%1” is no http or https URL</source>
        <translation>„%1“ ist keine http- oder https-URL</translation>
    </message>
</context>
<context>
    <name>gitops::TimelineModel</name>
    <message>
        <source>HEAD</source>
        <translation>HEAD</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>live~%1</source>
        <translation>live~%1</translation>
    </message>
    <message>
        <source>deployed</source>
        <translation>ausgerollt</translation>
    </message>
    <message>
        <source>%1 (a merge)</source>
        <translation>%1 (ein Merge)</translation>
    </message>
    <message>
        <source>HEAD: the desired state, what git says should run</source>
        <translation>HEAD: der Sollzustand, was laut git laufen soll</translation>
    </message>
    <message>
        <source>Live: what runs in the cluster is exactly this commit</source>
        <translation>Live: Was im Cluster läuft, ist genau dieser Commit</translation>
    </message>
    <message>
        <source>Live, closest: no commit matches what runs; this one differs in 1 field</source>
        <translation>Live, am nächsten: Kein Commit entspricht dem, was läuft; dieser weicht in 1 Feld ab</translation>
    </message>
    <message>
        <source>Live, closest: no commit matches what runs; this one differs in %1 fields</source>
        <translation>Live, am nächsten: Kein Commit entspricht dem, was läuft; dieser weicht in %1 Feldern ab</translation>
    </message>
    <message>
        <source>Deployed by the controller (%1) on %2</source>
        <translation>Vom Controller ausgerollt (%1) am %2</translation>
    </message>
    <message>
        <source>Deployed by the controller (%1)</source>
        <translation>Vom Controller ausgerollt (%1)</translation>
    </message>
    <message>
        <source>%1
The app&apos;s folders moved here from %2</source>
        <translation>%1
Die Ordner der App wurden hierher verschoben aus %2</translation>
    </message>
    <message>
        <source>Markers</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>direct push, no PR</source>
        <translation>direkt gepusht, kein PR</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>No pull request holds this commit: it was pushed directly, unreviewed</source>
        <translation>Kein Pull Request enthält diesen Commit: Er wurde direkt gepusht, ungeprüft</translation>
    </message>
    <message>
        <source>#%1 %2 (double-click opens %3)</source>
        <translation>#%1 %2 (Doppelklick öffnet %3)</translation>
    </message>
    <message>
        <source>Pull Request</source>
        <translation>Pull Request</translation>
    </message>
    <message>
        <source>%1 (a merge of 1 commit of the app)</source>
        <translation>%1 (ein Merge mit 1 Commit der App)</translation>
    </message>
    <message>
        <source>%1 (a merge of %2 commits of the app)</source>
        <translation>%1 (ein Merge mit %2 Commits der App)</translation>
    </message>
</context>
<context>
    <name>gitops::TimelineView</name>
    <message>
        <source>&amp;Roll Back to This Commit…</source>
        <translation>Auf diesen Commit zu&amp;rücksetzen …</translation>
    </message>
    <message>
        <source>Go to &amp;Live Commit</source>
        <translation>Zum &amp;Live-Commit</translation>
    </message>
    <message>
        <source>Go to &amp;HEAD</source>
        <translation>Zu &amp;HEAD</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>Verlauf von %1</translation>
    </message>
    <message>
        <source>Filter by subject, commit id or author</source>
        <translation>Nach Betreff, Commit-ID oder Autor filtern</translation>
    </message>
    <message>
        <source>All authors</source>
        <translation>Alle Autoren</translation>
    </message>
    <message>
        <source>Restore the app&apos;s files to what they are at the selected commit, on top of the target branch, and review it as a pull request</source>
        <translation>Die Dateien der App auf den Stand des gewählten Commits bringen, auf dem Zielbranch, und als Pull Request prüfen</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>Der Verlauf konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The search for the live commit was stopped.</source>
        <translation>Die Suche nach dem laufenden Commit wurde angehalten.</translation>
    </message>
    <message>
        <source>The workspace has no app %1 at the revision shown.</source>
        <translation>Der Arbeitsbereich hat bei der gezeigten Revision keine App %1.</translation>
    </message>
    <message>
        <source>No cluster context is selected: which commit runs is not known.</source>
        <translation>Kein Cluster-Kontext gewählt: Welcher Commit läuft, ist unbekannt.</translation>
    </message>
    <message>
        <source>The cluster cannot be read (%1): which commit runs is not known.</source>
        <translation>Der Cluster kann nicht gelesen werden (%1): Welcher Commit läuft, ist unbekannt.</translation>
    </message>
    <message>
        <source>Waiting for the cluster&apos;s objects…</source>
        <translation>Warten auf die Objekte des Clusters …</translation>
    </message>
    <message>
        <source>Finding the commit the cluster runs, by content…</source>
        <translation>Der im Cluster laufende Commit wird nach Inhalt gesucht …</translation>
    </message>
    <message>
        <source>The live commit could not be found: %1</source>
        <translation>Der laufende Commit konnte nicht gefunden werden: %1</translation>
    </message>
    <message>
        <source>Live: the cluster runs exactly commit %1.</source>
        <translation>Live: Im Cluster läuft genau Commit %1.</translation>
    </message>
    <message>
        <source>Live: no commit matches exactly; closest is %1 (1 field differs).</source>
        <translation>Live: Kein Commit passt genau; am nächsten ist %1 (1 Feld weicht ab).</translation>
    </message>
    <message>
        <source>Live: no commit matches exactly; closest is %1 (%2 fields differ).</source>
        <translation>Live: Kein Commit passt genau; am nächsten ist %1 (%2 Felder weichen ab).</translation>
    </message>
    <message>
        <source>Live: the cluster has none of the app&apos;s objects.</source>
        <translation>Live: Der Cluster hat keines der Objekte der App.</translation>
    </message>
    <message>
        <source>Live: none of the app&apos;s last %1 commits compared matches what runs.</source>
        <translation>Live: Keiner der letzten %1 verglichenen Commits der App entspricht dem, was läuft.</translation>
    </message>
    <message>
        <source>The controller disagrees: %1</source>
        <translation>Der Controller sieht es anders: %1</translation>
    </message>
    <message>
        <source>A change is pending already: submit or discard it before rolling back.</source>
        <translation>Es gibt schon eine ausstehende Änderung: Reichen Sie sie vor dem Rollback ein oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>Planning the rollback to %1…</source>
        <translation>Der Rollback auf %1 wird geplant …</translation>
    </message>
    <message>
        <source>The target branch could not be fetched: %1</source>
        <translation>Der Zielbranch konnte nicht abgerufen werden: %1</translation>
    </message>
    <message>
        <source>The rollback could not be planned: %1</source>
        <translation>Der Rollback konnte nicht geplant werden: %1</translation>
    </message>
    <message>
        <source>Nothing to roll back: the app&apos;s files on %1 are already what they are at %2.</source>
        <translation>Nichts zurückzusetzen: Die Dateien der App auf %1 sind schon so wie in %2.</translation>
    </message>
    <message>
        <source>Roll back %1 to %2 (%3)</source>
        <translation>Rollback von %1 auf %2 (%3)</translation>
    </message>
    <message>
        <source>The rollback was cancelled.</source>
        <translation>Der Rollback wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Re&amp;vert This Commit…</source>
        <translation>Diesen Commit r&amp;ückgängig machen …</translation>
    </message>
    <message>
        <source>Planning the revert of %1…</source>
        <translation>Das Revert von %1 wird geplant …</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The revert could not be made: %1</source>
        <translation>Das Revert war nicht möglich: %1</translation>
    </message>
    <message>
        <source>Nothing to revert: %1 at %2 already lacks what %3 changed.</source>
        <translation>Nichts zurückzunehmen: %1 bei %2 enthält schon nicht mehr, was %3 geändert hat.</translation>
    </message>
    <message>
        <source>Revert &quot;%1&quot;</source>
        <translation>Revert „%1“</translation>
    </message>
    <message>
        <source>The revert was cancelled.</source>
        <translation>Das Revert wurde abgebrochen.</translation>
    </message>
    <message>
        <source>%1: in the review.</source>
        <translation>%1: in der Prüfung.</translation>
    </message>
    <message>
        <source>Asking the forge for pull requests…</source>
        <translation>Die Forge wird nach Pull Requests gefragt …</translation>
    </message>
    <message>
        <source>Pull requests unknown: the repository has no remote.</source>
        <translation>Pull Requests unbekannt: Das Repository hat kein Remote.</translation>
    </message>
    <message>
        <source>Pull requests unknown: %1</source>
        <translation>Pull Requests unbekannt: %1</translation>
    </message>
    <message>
        <source>Some pull requests are unknown: %1</source>
        <translation>Manche Pull Requests sind unbekannt: %1</translation>
    </message>
    <message>
        <source>Re&amp;vert the %1 Selected Commits…</source>
        <translation>Die %1 gewählten Commits r&amp;ückgängig machen …</translation>
    </message>
    <message>
        <source>Revert %1 commits of %2</source>
        <translation>Revert von %1 Commits von %2</translation>
    </message>
    <message>
        <source>Reading the workspace&apos;s apps…</source>
        <translation>Die Apps des Arbeitsbereichs werden gelesen…</translation>
    </message>
    <message>
        <source>Undo only what the selected commit changed, as a real revert on top of the target branch, and review it as a pull request; for a revert that conflicts, its files are named and you choose: a draft pull request or nothing</source>
        <translation>Nur rückgängig machen, was der gewählte Commit geändert hat, als echter Revert auf dem Ziel-Branch, und als Pull Request prüfen; bei einem Revert mit Konflikten werden dessen Dateien genannt und Sie wählen: ein Entwurfs-Pull-Request oder nichts</translation>
    </message>
    <message>
        <source>Nothing of the revert of %1 applies cleanly: every file it changes conflicts (%2). Roll back to a commit instead.</source>
        <translation>Vom Revert von %1 lässt sich nichts sauber anwenden: jede Datei, die er ändert, hat einen Konflikt (%2). Setzen Sie stattdessen auf einen Commit zurück.</translation>
    </message>
    <message>
        <source>The Revert Conflicts</source>
        <translation>Der Revert hat Konflikte</translation>
    </message>
    <message>
        <source>The revert of %1 conflicts with later changes on %2 in:

%3</source>
        <translation>Der Revert von %1 steht in Konflikt mit späteren Änderungen auf %2 in:

%3</translation>
    </message>
    <message>
        <source>Open a draft pull request with the rest of the revert: these files stay as %1 has them (no conflict markers) and the pull request lists them, to be resolved by hand before it is merged. Or cancel, and nothing is proposed.</source>
        <translation>Einen Entwurfs-Pull-Request mit dem Rest des Reverts öffnen: diese Dateien bleiben, wie %1 sie hat (ohne Konfliktmarker), und der Pull Request führt sie auf, damit sie vor dem Mergen von Hand aufgelöst werden. Oder abbrechen, dann wird nichts vorgeschlagen.</translation>
    </message>
    <message>
        <source>Open &amp;Draft Pull Request</source>
        <translation>&amp;Entwurfs-Pull-Request öffnen</translation>
    </message>
    <message>
        <source>Planning the revert of %1, its conflicts left to resolve by hand…</source>
        <translation>Der Revert von %1 wird geplant, seine Konflikte bleiben zum Auflösen von Hand…</translation>
    </message>
    <message>
        <source>The revert of %1 conflicts with later changes in %2; it was not proposed.</source>
        <translation>Der Revert von %1 steht in Konflikt mit späteren Änderungen in %2; er wurde nicht vorgeschlagen.</translation>
    </message>
</context>
<context>
    <name>gitops::TrustHostDialog</name>
    <message>
        <source>Host Key Changed</source>
        <translation>Hostschlüssel geändert</translation>
    </message>
    <message>
        <source>Unknown Host</source>
        <translation>Unbekannter Host</translation>
    </message>
    <message>
        <source>&lt;p&gt;Host: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Port: %2&lt;br&gt;Key type: %3&lt;br&gt;Fingerprint: &lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Host: &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;Port: %2&lt;br&gt;Schlüsseltyp: %3&lt;br&gt;Fingerabdruck: &lt;tt&gt;%4&lt;/tt&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The host key of this server has changed since it was trusted. Someone may be intercepting the connection, so it is refused.&lt;/p&gt;%1&lt;p&gt;If the server&apos;s key really changed, remove its old line from %2 and try again.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Hostschlüssel dieses Servers hat sich geändert, seit ihm vertraut wurde. Jemand könnte die Verbindung abfangen, deshalb wird sie abgelehnt.&lt;/p&gt;%1&lt;p&gt;Wenn sich der Schlüssel des Servers wirklich geändert hat, entfernen Sie seine alte Zeile aus %2 und versuchen Sie es erneut.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Trust This Host</source>
        <translation>Diesem Host vertrauen</translation>
    </message>
    <message>
        <source>The host could not be trusted: %1</source>
        <translation>Dem Host konnte nicht vertraut werden: %1</translation>
    </message>
    <message>
        <source>&lt;p&gt;The server is not in %1, so the connection was refused.&lt;/p&gt;%2&lt;p&gt;Trust it only if this fingerprint is the one the server&apos;s operators publish.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Der Server steht nicht in %1, deshalb wurde die Verbindung abgelehnt.&lt;/p&gt;%2&lt;p&gt;Vertrauen Sie ihm nur, wenn dieser Fingerabdruck der ist, den die Betreiber des Servers veröffentlichen.&lt;/p&gt;</translation>
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
        <source>Exact mode needs a connected cluster context.</source>
        <translation>Der exakte Modus braucht einen verbundenen Cluster-Kontext.</translation>
    </message>
    <message>
        <source>The app %1 is not in the repository.</source>
        <translation>Die App %1 ist nicht im Repository.</translation>
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
        <source>Listing the cluster…</source>
        <translation>Der Cluster wird aufgelistet …</translation>
    </message>
</context>
<context>
    <name>gitops::change</name>
    <message>
        <source>cannot make a temporary folder: %1</source>
        <translation>kann keinen temporären Ordner anlegen: %1</translation>
    </message>
    <message>
        <source>stopped before every file was copied</source>
        <translation>angehalten, bevor alle Dateien kopiert waren</translation>
    </message>
    <message>
        <source>Helm charts are not rendered by the console</source>
        <translation>Helm-Charts rendert die Konsole nicht</translation>
    </message>
    <message>
        <source>a Secret&apos;s values do not go into git; keep them sealed (Sealed Secrets) or encrypted (SOPS) and change them there</source>
        <translation>die Werte eines Secrets gehören nicht in Git; halten Sie sie versiegelt (Sealed Secrets) oder verschlüsselt (SOPS) und ändern Sie sie dort</translation>
    </message>
    <message>
        <source>git does not set it: kustomize generates the object (or a patch makes it), and which of the kustomization&apos;s files it would go into is not to be guessed; add it by hand (or in a patch)</source>
        <translation>Git setzt es nicht: kustomize erzeugt das Objekt (oder ein Patch legt es an), und in welche Datei der Kustomization es gehörte, lässt sich nicht erraten; fügen Sie es von Hand hinzu (oder in einem Patch)</translation>
    </message>
    <message>
        <source>kustomize sets it (a patch, a transformer or a generator of the kustomization): no file holds it as rendered; edit it by hand</source>
        <translation>kustomize setzt es (ein Patch, ein Transformer oder ein Generator der Kustomization): Keine Datei enthält es so, wie es gerendert wird; bearbeiten Sie es von Hand</translation>
    </message>
    <message>
        <source>%1 files hold it (%2): which one kustomize takes is not to be guessed; edit it by hand</source>
        <translation>%1 Dateien enthalten es (%2): Welche kustomize nimmt, lässt sich nicht erraten; bearbeiten Sie es von Hand</translation>
    </message>
    <message>
        <source>live has no such field: removing it through a patch ($patch: delete) is not done; edit the files by hand</source>
        <translation>im Cluster gibt es dieses Feld nicht: es über einen Patch zu entfernen ($patch: delete) ist nicht umgesetzt; bearbeiten Sie die Dateien von Hand</translation>
    </message>
    <message>
        <source>the overlay&apos;s patch file %1 does not parse</source>
        <translation>die Patch-Datei %1 des Overlays lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>a patch cannot change what it patches (kind, name)</source>
        <translation>ein Patch kann nicht ändern, was er patcht (Art, Name)</translation>
    </message>
    <message>
        <source>no file of the app holds it, and it is under a list: a strategic-merge patch needs the list&apos;s merge key, which the console does not write; edit the overlay by hand</source>
        <translation>keine Datei der App enthält es, und es liegt in einer Liste: ein Strategic-Merge-Patch braucht den Merge-Schlüssel der Liste, den die Konsole nicht schreibt; bearbeiten Sie das Overlay von Hand</translation>
    </message>
    <message>
        <source>%1 does not parse</source>
        <translation>%1 lässt sich nicht lesen</translation>
    </message>
    <message>
        <source>the live object has no kind or name</source>
        <translation>das Live-Objekt hat keine Art und keinen Namen</translation>
    </message>
</context>
<context>
    <name>gitops::change::ChangeSubmission</name>
    <message>
        <source>fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <source>commit</source>
        <translation>Commit</translation>
    </message>
    <message>
        <source>push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>pull request</source>
        <translation>Pull-Request</translation>
    </message>
    <message>
        <source>the change is empty: it edits, removes, restores and reverts nothing</source>
        <translation>die Änderung ist leer: Sie bearbeitet, entfernt, stellt wieder her und revertiert nichts</translation>
    </message>
    <message>
        <source>a change either edits files or reverts commits, not both</source>
        <translation>eine Änderung bearbeitet entweder Dateien oder revertiert Commits, nicht beides</translation>
    </message>
    <message>
        <source>restoring %1 needs the revision to restore from</source>
        <translation>um %1 wiederherzustellen, braucht es die Revision, aus der wiederhergestellt wird</translation>
    </message>
    <message>
        <source>the change needs a title (the commit&apos;s subject and the pull request&apos;s)</source>
        <translation>die Änderung braucht einen Titel (den Betreff des Commits und des Pull-Requests)</translation>
    </message>
    <message>
        <source>the change names no app, so it has no branch name; give one</source>
        <translation>die Änderung nennt keine App und hat daher keinen Branch-Namen; geben Sie einen an</translation>
    </message>
    <message>
        <source>a change is being submitted already; wait for it or cancel it</source>
        <translation>es wird bereits eine Änderung eingereicht; warten Sie darauf oder brechen Sie sie ab</translation>
    </message>
    <message>
        <source>no repository to submit the change from</source>
        <translation>kein Repository, aus dem die Änderung eingereicht werden kann</translation>
    </message>
    <message>
        <source>Fetching the default branch of %1</source>
        <translation>Standard-Branch von %1 wird abgerufen</translation>
    </message>
    <message>
        <source>Fetching %1 from %2</source>
        <translation>%1 wird von %2 abgerufen</translation>
    </message>
    <message>
        <source>the change&apos;s branch %1 is the branch it is for; choose another name</source>
        <translation>der Branch %1 der Änderung ist der Branch, für den sie bestimmt ist; wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>Committing on %1 (from %2 at %3)</source>
        <translation>Commit auf %1 (von %2 bei %3)</translation>
    </message>
    <message>
        <source>%1 did not take %2</source>
        <translation>%1 hat %2 nicht angenommen</translation>
    </message>
    <message>
        <source>Pushing %1 to %2</source>
        <translation>%1 wird nach %2 gepusht</translation>
    </message>
    <message>
        <source>Opening the pull request for %1</source>
        <translation>Pull-Request für %1 wird geöffnet</translation>
    </message>
    <message>
        <source>the branch %1 was pushed; %2 is no forge, so no pull request was opened</source>
        <translation>der Branch %1 wurde gepusht; %2 ist keine Forge, daher wurde kein Pull-Request geöffnet</translation>
    </message>
    <message>
        <source>the branch %1 was pushed; %2</source>
        <translation>der Branch %1 wurde gepusht; %2</translation>
    </message>
    <message>
        <source>the branch %1 was pushed, but %2</source>
        <translation>der Branch %1 wurde gepusht, aber %2</translation>
    </message>
    <message>
        <source>%1 limits requests: waiting until %2</source>
        <translation>%1 begrenzt die Anfragen: Warten bis %2</translation>
    </message>
    <message>
        <source>Revert %1 in %2</source>
        <translation>%1 in %2 revertieren</translation>
    </message>
    <message>
        <source>the branch %1 was pushed, but the pull request was not opened: %2</source>
        <translation>der Branch %1 wurde gepusht, aber der Pull-Request wurde nicht geöffnet: %2</translation>
    </message>
    <message>
        <source>%1 holds %2 already; nothing to push</source>
        <translation>%1 hat %2 schon; nichts zu pushen</translation>
    </message>
    <message>
        <source>git&apos;s credential helpers have nothing for %1: asking for a forge token instead</source>
        <translation>Die Credential-Helper von git haben nichts für %1: stattdessen wird ein Forge-Token gesucht</translation>
    </message>
    <message>
        <source>%1; nor is there a forge token for it: %2</source>
        <translation>%1; auch ein Forge-Token dafür gibt es nicht: %2</translation>
    </message>
</context>
<context>
    <name>gitops::forge::CommitPullRequests</name>
    <message>
        <source>the forge did not say which pull request holds %1 (%2)</source>
        <translation>die Forge hat nicht gesagt, welcher Pull Request %1 enthält (%2)</translation>
    </message>
</context>
<context>
    <name>gitops::forge::ForgeConnection</name>
    <message>
        <source>%1 names no project on a forge: %2</source>
        <translation>%1 nennt kein Projekt auf einer Forge: %2</translation>
    </message>
    <message>
        <source>%1 runs no forge the console knows (GitHub, GitLab, Gitea)</source>
        <translation>auf %1 läuft keine Forge, die GitOps Console kennt (GitHub, GitLab, Gitea)</translation>
    </message>
    <message>
        <source>the console opens no pull requests on Bitbucket (%1) yet: open it on the compare page</source>
        <translation>GitOps Console öffnet noch keine Pull-Requests auf Bitbucket (%1): Öffnen Sie ihn auf der Vergleichsseite</translation>
    </message>
    <message>
        <source>no token for %1 (%2): store one in the keychain, or set %3</source>
        <translation>kein Token für %1 (%2): Legen Sie eines im Schlüsselbund ab oder setzen Sie %3</translation>
    </message>
    <message>
        <source>none in the keychain or the environment</source>
        <translation>keines im Schlüsselbund oder in der Umgebung</translation>
    </message>
    <message>
        <source>no token for %1: set %2</source>
        <translation>kein Token für %1: Setzen Sie %2</translation>
    </message>
    <message>
        <source>entered for this session</source>
        <translation>für diese Sitzung eingegeben</translation>
    </message>
</context>
<context>
    <name>gitops::history::LiveCommitFinder</name>
    <message>
        <source>Stopped after %1 of %2 commits.</source>
        <translation>Nach %1 von %2 Commits angehalten.</translation>
    </message>
    <message>
        <source>Commit %1 could not be rendered: %2</source>
        <translation>Commit %1 konnte nicht gerendert werden: %2</translation>
    </message>
    <message>
        <source>Comparing commit %1 with live</source>
        <translation>Commit %1 wird mit dem Ist-Zustand verglichen</translation>
    </message>
    <message>
        <source>%n resource(s) could not be compared (the cluster refused to list them, or the server names them); the match leaves them out.</source>
        <translation>Ressourcen, die sich nicht vergleichen ließen (der Cluster verweigerte das Auflisten, oder der Server vergibt ihre Namen): %n; der Abgleich lässt sie aus.</translation>
    </message>
    <message>
        <source>%1 says it synced %2</source>
        <translation>%1 meldet, %2 synchronisiert zu haben</translation>
    </message>
    <message>
        <source>%1, which is not a commit of this repository (fetch it?)</source>
        <translation>%1; das ist kein Commit dieses Repositorys (abrufen?)</translation>
    </message>
    <message>
        <source>%1, but the live objects match none of the last %2 commits of the app: a manual change, or drift</source>
        <translation>%1, aber die Ist-Objekte entsprechen keinem der letzten %2 Commits der App: eine manuelle Änderung oder Drift</translation>
    </message>
    <message>
        <source>the live objects are exactly commit %1</source>
        <translation>die Ist-Objekte entsprechen genau Commit %1</translation>
    </message>
    <message>
        <source>the live objects are closest to commit %1 (%n field(s) differ)</source>
        <translation>die Ist-Objekte kommen Commit %1 am nächsten (abweichende Felder: %n)</translation>
    </message>
    <message>
        <source>%1, whose content is none of the app&apos;s last %2 commits, but %3: a manual change or rollback</source>
        <translation>%1; dessen Inhalt entspricht keinem der letzten %2 Commits der App, aber %3: eine manuelle Änderung oder ein Rollback</translation>
    </message>
    <message>
        <source>%1 (the app as of commit %2), but %3: a manual change or rollback</source>
        <translation>%1 (die App im Stand von Commit %2), aber %3: eine manuelle Änderung oder ein Rollback</translation>
    </message>
</context>
</TS>
