/*
 * osk-client: hands one osk command to the resident osk (dev.osk.cli.ResidentServer) over its Unix socket and
 * plays its standard output, standard error and exit code back, so the command costs no JVM start-up. The
 * launcher (./osk) builds it with the machine's C compiler and falls back to a JVM of its own when it cannot.
 *
 *   osk-client SOCKET STAMP [ARG...]
 *
 * Exit code: the command's, or 254 when there is no resident osk for this build of the jar (none listening, or
 * one of another build): the launcher then runs the command in a new JVM.
 *
 * Frames (see ResidentServer): a type byte, a 4-byte big-endian length, the payload.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define NO_SERVER 254

extern char **environ;

static int sock = -1;

static int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        p += n;
        len -= (size_t) n;
    }
    return 0;
}

static int send_frame(char type, const void *payload, uint32_t len) {
    unsigned char head[5] = {(unsigned char) type, (unsigned char) (len >> 24), (unsigned char) (len >> 16),
                             (unsigned char) (len >> 8), (unsigned char) len};
    if (write_all(sock, head, sizeof head) < 0) {
        return -1;
    }
    return len == 0 ? 0 : write_all(sock, payload, len);
}

static int send_text(char type, const char *text) {
    return send_frame(type, text, (uint32_t) strlen(text));
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: osk-client SOCKET STAMP [ARG...]\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof addr.sun_path) {
        return NO_SERVER;
    }
    strcpy(addr.sun_path, argv[1]);
    sock = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *) &addr, sizeof addr) < 0) {
        return NO_SERVER;
    }
    char cwd[8192];
    if (getcwd(cwd, sizeof cwd) == NULL) {
        return NO_SERVER;
    }
    int failed = send_text('S', argv[2]) || send_text('C', cwd);
    for (char **e = environ; !failed && *e != NULL; e++) {
        failed = send_text('E', *e);
    }
    for (int i = 3; !failed && i < argc; i++) {
        failed = send_text('A', argv[i]);
    }
    if (failed || send_frame('G', "", 0) < 0) {
        return NO_SERVER;
    }

    int want_stdin = 0;
    int stdin_open = 1;
    int stdout_errno = 0;
    static char buf[1 << 16];
    for (;;) {
        struct pollfd fds[2] = {{sock, POLLIN, 0}, {0, POLLIN, 0}};
        int nfds = want_stdin && stdin_open ? 2 : 1;
        if (poll(fds, (nfds_t) nfds, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (nfds == 2 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(0, buf, sizeof buf);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n > 0) {
                if (send_frame('I', buf, (uint32_t) n) < 0) {
                    break;
                }
            } else {
                stdin_open = 0;
                if (send_frame('Z', "", 0) < 0) {
                    break;
                }
            }
        }
        if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
            continue;
        }
        unsigned char head[5];
        if (read_all(sock, head, sizeof head) < 0) {
            break;
        }
        uint32_t len = ((uint32_t) head[1] << 24) | ((uint32_t) head[2] << 16) | ((uint32_t) head[3] << 8) | head[4];
        char type = (char) head[0];
        if (type == 'T') {
            return NO_SERVER;
        }
        if (type == 'N') {
            want_stdin = 1;
            continue;
        }
        while (len > 0) {
            size_t part = len < sizeof buf ? len : sizeof buf;
            if (read_all(sock, buf, part) < 0) {
                goto lost;
            }
            len -= (uint32_t) part;
            if (type == 'O' && stdout_errno == 0 && write_all(1, buf, part) < 0) {
                stdout_errno = errno;
            } else if (type == 'R') {
                write_all(2, buf, part);
            } else if (type == 'X' && part == 4) {
                int code = (int) (((uint32_t) (unsigned char) buf[0] << 24) | ((uint32_t) (unsigned char) buf[1] << 16)
                        | ((uint32_t) (unsigned char) buf[2] << 8) | (unsigned char) buf[3]);
                if (stdout_errno != 0) {
                    // as a JVM of its own reports it (Main.run): the output is incomplete
                    fprintf(stderr, "osk: cannot write to standard output: %s; the output is incomplete\n",
                            strerror(stdout_errno));
                    code = 1;
                }
                return code;
            }
        }
    }
lost:
    fprintf(stderr, "osk: the resident osk stopped before the command finished (run it again, or with"
                    " OSK_RESIDENT=0)\n");
    return 1;
}
