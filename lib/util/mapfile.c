/*
 * lib/util/mapfile.c — mapping a whole file read-only (mapfile.h).
 */
#include "util/mapfile.h"
#include "util/error.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

sn_rc sn_map_file(const char *path, const char *what, const void **p, size_t *n, sn_error *err)
{
    *p = NULL;
    *n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        {
        sn_set_error(err, SN_ERR_NOTFOUND, "cannot open the %s", what);
        return SN_ERR_NOTFOUND;
    }
    struct stat st;
    void *m = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0)
        m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        {
        sn_set_error(err, SN_ERR_IO, "cannot map the %s", what);
        return SN_ERR_IO;
    }
    *p = m;
    *n = (size_t)st.st_size;
    return SN_OK;
}

void sn_unmap_file(const void *p, size_t n)
{
    if (p)
        munmap((void *)p, n);
}
