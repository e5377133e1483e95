# Runs fengong on one input and compares every output with the expected
# files. Variables: FENGONG (the binary), SOURCE_DIR (runs there, so that
# the file column holds a stable relative path), INPUT (relative to
# SOURCE_DIR), EXPECTED (folder), WORK (scratch folder).
# With the environment variable UPDATE_GOLDEN=1 the expected files are
# rewritten instead: review the diff by hand before committing it.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND "${FENGONG}" -o "${WORK}" --format csv ${INPUT}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE rc
  ERROR_FILE "${WORK}/diagnostics.log")
file(WRITE "${WORK}/exit-status.log" "${rc}\n")
# the summary line names the scratch folder: make it stable
file(READ "${WORK}/diagnostics.log" diags)
string(REPLACE "${WORK}" "OUT" diags "${diags}")
file(WRITE "${WORK}/diagnostics.log" "${diags}")

set(files assignments.csv measures.csv documents.csv matrix.csv diagnostics.log exit-status.log)
if(DEFINED ENV{UPDATE_GOLDEN} AND "$ENV{UPDATE_GOLDEN}" STREQUAL "1")
  file(MAKE_DIRECTORY "${EXPECTED}")
  foreach(f ${files})
    file(COPY "${WORK}/${f}" DESTINATION "${EXPECTED}")
  endforeach()
  message(STATUS "updated ${EXPECTED}")
  return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/compare.cmake)
fg_compare("${EXPECTED}" "${WORK}" "" "golden mismatch for ${INPUT}" ${files})
