/*
 * tools/nodict.c — an empty built-in dictionary for the build-time
 * dictionary compiler (tools/dictc.c), which runs before the real image
 * exists: sn_dict_builtin() then reports that none is built in.
 */
__asm__(".section .rodata\n"
        ".globl sn_dict_blob\n.hidden sn_dict_blob\nsn_dict_blob:\n"
        ".globl sn_dict_blob_end\n.hidden sn_dict_blob_end\nsn_dict_blob_end:\n"
        ".previous\n");
