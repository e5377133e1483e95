# Runs fengong on a re-encoded copy of a seed and checks that it gives the
# seed's own expected outputs: the same rows, line and column numbers and
# diagnostics, apart from the file path and the note that says which
# encoding was detected. Variables: FENGONG, SOURCE_DIR, INPUT (the copy,
# relative to SOURCE_DIR), REFERENCE (the seed's path as the expected files
# name it), EXPECTED (the seed's expected folder), WORK (scratch folder).
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
execute_process(
  COMMAND "${FENGONG}" -o "${WORK}" --format csv ${INPUT}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE rc
  ERROR_FILE "${WORK}/diagnostics.raw")
file(WRITE "${WORK}/exit-status.log" "${rc}\n")
file(STRINGS "${WORK}/diagnostics.raw" lines)
set(diags "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "\\[encoding\\]$")
    string(APPEND diags "${line}\n")
  endif()
endforeach()
string(REPLACE "${WORK}" "OUT" diags "${diags}")
file(WRITE "${WORK}/diagnostics.log" "${diags}")

# doc_id is the SHA-256 of the file's bytes: the copy's own, not the seed's
file(SHA256 "${SOURCE_DIR}/${INPUT}" input_sha)
file(SHA256 "${SOURCE_DIR}/${REFERENCE}" reference_sha)
string(SUBSTRING "${input_sha}" 0 16 input_id)
string(SUBSTRING "${reference_sha}" 0 16 reference_id)
set(files assignments.csv measures.csv documents.csv matrix.csv diagnostics.log exit-status.log)
foreach(f ${files})
  file(READ "${WORK}/${f}" got)
  string(REPLACE "${INPUT}" "${REFERENCE}" got "${got}")
  string(REPLACE "\"${input_id}\"" "\"${reference_id}\"" got "${got}")
  file(WRITE "${WORK}/${f}.same-path" "${got}")
endforeach()
include(${CMAKE_CURRENT_LIST_DIR}/compare.cmake)
fg_compare("${EXPECTED}" "${WORK}" ".same-path"
           "${INPUT} does not give the outputs of ${REFERENCE}" ${files})
