# fg_compare(EXPECTED_DIR GOT_DIR SUFFIX LABEL FILE...): compares each
# EXPECTED_DIR/FILE with GOT_DIR/FILE${SUFFIX}, prints a unified diff for
# each that differs, and fails with LABEL and the list of those files.
function(fg_compare expected_dir got_dir suffix label)
  set(failed "")
  find_program(DIFF diff)
  foreach(f ${ARGN})
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${expected_dir}/${f}"
                    "${got_dir}/${f}${suffix}" RESULT_VARIABLE diff)
    if(NOT diff EQUAL 0)
      list(APPEND failed ${f})
      if(DIFF)
        execute_process(COMMAND ${DIFF} -u "${expected_dir}/${f}" "${got_dir}/${f}${suffix}")
      endif()
    endif()
  endforeach()
  if(failed)
    message(FATAL_ERROR "${label}: ${failed}")
  endif()
endfunction()
