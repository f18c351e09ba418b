# No header under models/ may include <git2.h> (or git/libgit2.h, which does): gitops_models
# links libgit2 PRIVATE, so its public headers must build without libgit2's include path.
# git/libgit2.h is the private helper that .cpp files of models/ use. Run with -DROOT=<source>.
file(GLOB_RECURSE headers RELATIVE "${ROOT}" "${ROOT}/models/*.h")
set(leaks "")
foreach(header IN LISTS headers)
    if(header STREQUAL "models/git/libgit2.h")
        continue()
    endif()
    file(STRINGS "${ROOT}/${header}" includes
         REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](git2\\.h|git2/.*|git/libgit2\\.h|libgit2\\.h)[>\"]")
    if(includes)
        list(APPEND leaks "${header}: ${includes}")
    endif()
endforeach()
if(leaks)
    list(JOIN leaks "\n  " text)
    message(FATAL_ERROR "libgit2 leaks through public headers:\n  ${text}")
endif()
list(LENGTH headers count)
message(STATUS "${count} headers under models/, none includes <git2.h>")
