/* `measure PROGRAM ARGS…`: runs the program with its output discarded and prints what it cost as
 * {"cpu_ms": …, "wall_ms": …, "peak_mb": …, "status": …, "start_ns": …}, where start_ns is the system's
 * monotonic clock just before the fork (for a program that notes its own moments on the same clock). A small process of its own, so that the
 * child's peak memory does not start from the benchmark's (Linux carries the parent's high-water
 * mark into a vfork'd child at exec). Build: cc -O2 measure.c -o measure */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: measure PROGRAM [ARGS…]\n");
        return 64;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) return 71;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(pid, &status, 0, &usage) != pid) return 71;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double cpu = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    double wall = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    printf("{\"cpu_ms\": %.3f, \"wall_ms\": %.3f, \"peak_mb\": %.3f, \"status\": %d, \"start_ns\": %lld}\n", cpu,
           wall, usage.ru_maxrss / 1024.0, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
           (long long)start.tv_sec * 1000000000LL + start.tv_nsec);
    return 0;
}
