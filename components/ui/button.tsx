import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-blue-900 text-white hover:bg-blue-1000 active:bg-blue-1200 disabled:bg-solid-gray-300",
  secondary:
    "border-2 border-blue-900 bg-white text-blue-900 hover:bg-blue-50 active:bg-blue-100 disabled:border-solid-gray-300 disabled:text-solid-gray-420",
  danger: "bg-error-2 text-white hover:bg-red-1000 disabled:bg-solid-gray-300",
  ghost: "text-blue-1000 underline underline-offset-3 hover:bg-solid-gray-50",
} as const;

const SIZES = { md: "min-h-12 px-5 text-oln-16B-100", lg: "min-h-14 px-6 text-std-18B-160", sm: "min-h-10 px-3 text-oln-16N-100" } as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof VARIANTS;
  size?: keyof typeof SIZES;
};

export function buttonClasses({ variant = "primary", size = "md" }: Pick<ButtonProps, "variant" | "size"> = {}): string {
  return `inline-flex items-center justify-center gap-2 rounded-8 no-underline disabled:cursor-not-allowed ${VARIANTS[variant]} ${SIZES[size]}`;
}

export function Button({ variant, size, className = "", type = "button", ...props }: ButtonProps) {
  return <button type={type} className={`${buttonClasses({ variant, size })} ${className}`} {...props} />;
}
