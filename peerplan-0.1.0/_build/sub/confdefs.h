/* confdefs.h */
#define PACKAGE_NAME "peerplan"
#define PACKAGE_TARNAME "peerplan"
#define PACKAGE_VERSION "0.1.0"
#define PACKAGE_STRING "peerplan 0.1.0"
#define PACKAGE_BUGREPORT ""
#define PACKAGE_URL ""
#define PACKAGE "peerplan"
#define VERSION "0.1.0"
