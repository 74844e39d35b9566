# embed_files(OUTVAR DIR GLOB SYMBOL): compiles every file matching GLOB in DIR into a C array
# table `const struct embedded_file SYMBOL[]` (see src/core/embedded.h), sorted by name, so that
# migrations and web assets ship inside the one binary.
function(embed_files outvar dir pattern symbol)
  file(GLOB files CONFIGURE_DEPENDS ${dir}/${pattern})
  list(SORT files)
  set(out ${CMAKE_BINARY_DIR}/generated/${symbol}.c)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} -DDIR=${dir} -DPATTERN=${pattern}
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
  set(${outvar} ${out} PARENT_SCOPE)
endfunction()
