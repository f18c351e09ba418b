# Writes the AppStream metainfo from its template: cmake -P metainfo.cmake with
#   -DMETAINFO_IN=template -DMETAINFO_OUT=file -DSCREENSHOTS_DIR=resources/screenshots
#   -DHOMEPAGE_URL=https://... (optional: no <url type="homepage"> without it)
#   -DSCREENSHOT_URL=https://... (optional: where SCREENSHOTS_DIR's files are published on the
#    web, the file names appended; no <screenshots> without it: AppStream takes web URLs only)
# Run at build time by resources/CMakeLists.txt, and by tst_install with URLs of its own.

# The README's screenshots, in its order, with their captions (English, German).
set(screenshots
    "drift-browser.png|The drift browser: git beside the cluster for a drifted Deployment|Der Drift-Browser: Git neben dem Cluster für ein abweichendes Deployment"
    "change-review.png|The review of a change request: a hand-scaled replica count taken into git|Die Prüfung eines Änderungsantrags: eine von Hand skalierte Replikazahl in Git übernommen"
    "timeline.png|The rollback timeline of an app, the commit the cluster runs selected|Die Rollback-Zeitleiste einer App, der im Cluster laufende Commit ausgewählt"
    "audit.png|The audit log of an app: direct writes, controller syncs and Events|Das Audit-Log einer App: direkte Schreibzugriffe, Controller-Syncs und Events")

# URLs go into XML text.
string(REPLACE "&" "&amp;" HOMEPAGE_URL "${HOMEPAGE_URL}")
string(REPLACE "&" "&amp;" SCREENSHOT_URL "${SCREENSHOT_URL}")
set(urls "")
if(HOMEPAGE_URL)
    string(APPEND urls "  <url type=\"homepage\">${HOMEPAGE_URL}</url>\n")
endif()
if(SCREENSHOT_URL)
    string(REGEX REPLACE "/+$" "" base "${SCREENSHOT_URL}")
    string(APPEND urls "  <screenshots>\n")
    set(type " type=\"default\"")
    foreach(entry IN LISTS screenshots)
        string(REPLACE "|" ";" fields "${entry}")
        list(GET fields 0 file)
        list(GET fields 1 caption)
        list(GET fields 2 caption_de)
        # The image's size from its PNG header (IHDR: width and height, big-endian, at 16).
        file(READ "${SCREENSHOTS_DIR}/${file}" header OFFSET 16 LIMIT 8 HEX)
        string(SUBSTRING "${header}" 0 8 width)
        string(SUBSTRING "${header}" 8 8 height)
        math(EXPR width "0x${width}")
        math(EXPR height "0x${height}")
        string(APPEND urls
            "    <screenshot${type}>\n"
            "      <caption>${caption}</caption>\n"
            "      <caption xml:lang=\"de\">${caption_de}</caption>\n"
            "      <image type=\"source\" width=\"${width}\" height=\"${height}\">${base}/${file}</image>\n"
            "    </screenshot>\n")
        set(type "")
    endforeach()
    string(APPEND urls "  </screenshots>\n")
endif()
set(GITOPS_METAINFO_URLS "${urls}")
configure_file("${METAINFO_IN}" "${METAINFO_OUT}" @ONLY)
