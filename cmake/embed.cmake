# Turns a data file into a C source that defines its bytes as an array, so
# that the installed binary needs no data files at run time:
#   cmake -DINPUT=data/agencies.csv -DOUTPUT=agencies_csv.c -DSYMBOL=fg_agencies_csv
#         -DNAME=data/agencies.csv -P cmake/embed.cmake
# defines `const unsigned char SYMBOL[]` (with a NUL after the data, not
# counted) and `const size_t SYMBOL_len`. The output is rewritten only when
# it changes.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" n_hex)
math(EXPR n_bytes "${n_hex} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# a line break after every 16 bytes (CMake's regex has no {n})
set(sixteen "")
foreach(i RANGE 1 16)
  string(APPEND sixteen "0x[0-9a-f][0-9a-f],")
endforeach()
string(REGEX REPLACE "(${sixteen})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "/* Generated from ${NAME} by cmake/embed.cmake: do not edit. */\n"
  "#include <stddef.h>\n\n"
  "extern const unsigned char ${SYMBOL}[];\n"
  "extern const size_t ${SYMBOL}_len;\n\n"
  "const unsigned char ${SYMBOL}[] = {\n${bytes}0x00};\n"
  "const size_t ${SYMBOL}_len = ${n_bytes};\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.tmp")
